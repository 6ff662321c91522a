import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDoctorReport, runDoctor, writeTinyLlamaGguf } from '../src/index';
import { TEST_GLOVE, TEST_MODELS_DIR } from './helpers';

describe('runDoctor', () => {
  it('reports backend, threads, the embedding model with a throughput probe, and the chat model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'models-doctor-'));
    try {
      const chat = join(dir, 'tiny-chat.gguf');
      await writeTinyLlamaGguf(chat);
      const report = await runDoctor({
        spec: 'builtin:glove-100d',
        env: { RUSTYGPT_CHAT_MODEL: chat, RUSTYGPT_CHAT_THREADS: '1', RUSTYGPT_CHAT_CONTEXT: '512' },
        modelsDir: TEST_MODELS_DIR,
        glove: TEST_GLOVE,
        gpu: false,
        probe: 50,
        chatProbeTokens: 8,
      });
      expect(report.backend).toBe('cpu');
      expect(report.embedding).toMatchObject({
        modelId: 'builtin:glove-100d',
        dims: 100,
        threads: 1,
        probeSentences: 50,
      });
      expect(report.embedding.sentencesPerSecond).toBeGreaterThan(0);
      expect(report.chat).toMatchObject({ modelName: 'tiny-chat', threads: 1 });
      expect(report.chat!.probeTokens).toBeGreaterThan(0);
      const text = formatDoctorReport(report);
      expect(text).toContain('backend:          cpu');
      expect(text).toContain('builtin:glove-100d (100 dims');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
