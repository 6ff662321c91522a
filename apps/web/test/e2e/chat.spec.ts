import type { Page } from 'playwright-core';
import { expect, shared, test } from './harness';
import { holdAfterTokens, holdCompletion, SocketGate } from './socket-gate';

const QUESTION = 'What is the orbital period of Mars?';

async function ask(page: Page, webUrl: string, question: string): Promise<void> {
  await page.goto(`${webUrl}/chat`);
  const input = page.getByTestId('composer-input');
  await input.fill(question);
  await input.press('Enter');
  await page.waitForURL(/\/chat\/[^/]+$/);
}

const answerText = async (page: Page) =>
  ((await page.getByTestId('answer-text').last().textContent()) ?? '').trim();

test('asks a question and sees the answer streamed token by token, with citations', async (t) => {
  const { page, env } = t;
  const tokenFrames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      if (String(frame.payload).includes('"TokenEvent"')) tokenFrames.push(String(frame.payload));
    }),
  );
  await ask(page, env.webUrl, QUESTION);
  await page.getByTestId('user-message').filter({ hasText: QUESTION }).waitFor();
  const message = page.locator('[data-testid="assistant-message"][data-phase="complete"]');
  await message.waitFor();
  const text = await answerText(page);
  expect(text.includes('686.98'), `answer "${text}" should give Mars' orbital period (686.98 days)`);
  expect(
    tokenFrames.length >= 2,
    `answer should arrive as several tokens, got ${tokenFrames.length} token frame(s)`,
  );
  const citation = page.getByTestId('citation').filter({ hasText: 'Mars' });
  await citation.waitFor();
  shared.set('answer', text);
  shared.set('conversationUrl', page.url());
  await t.checkA11y('chat page');
  await t.screenshot('chat');
  await citation.click();
  await page.waitForURL(/\/entities\//);
  await page.getByRole('heading', { level: 1, name: 'Mars' }).waitFor();
});

test('opens the reasoning run of an answer as a graph with timings, decisions and entities', async (t) => {
  const { page } = t;
  const url = shared.get('conversationUrl');
  expect(typeof url === 'string', 'the first chat test stores its conversation URL');
  await page.goto(url);
  await page.getByTestId('run-link').last().click();
  await page.waitForURL(/\/runs\//);
  await page.getByTestId('run-graph').waitFor();
  const steps = page.getByTestId('run-step');
  await steps.first().waitFor();
  const names = await steps.locator('strong').allTextContents();
  for (const node of ['entity-identification', 'generation']) {
    expect(names.includes(node), `run graph should draw ${node}; drew ${names.join(', ')}`);
  }
  expect(
    (await page.locator('.react-flow__edge').count()) >= names.length - 1,
    'steps are connected by edges',
  );
  await page.locator('.react-flow__node').filter({ hasText: 'entity-identification' }).click();
  const detail = page.getByRole('complementary', { name: 'Step details' });
  await detail.getByRole('heading', { name: 'entity-identification' }).waitFor();
  await detail.getByRole('link', { name: 'Mars' }).waitFor();
  expect(/\d+(\.\d)? ms/.test((await detail.textContent()) ?? ''), 'step detail shows its duration');
  await t.checkA11y('run graph page');
  await t.screenshot('dag-run');
});

test('stops a streaming answer: the text freezes and the answer is marked stopped', async (t) => {
  const { page, env } = t;
  const gate = new SocketGate(holdAfterTokens(1));
  await gate.install(page);
  await ask(page, env.webUrl, 'What is the mean radius of Earth?');
  const streaming = page.locator('[data-testid="assistant-message"][data-phase="streaming"]');
  await streaming.waitFor();
  const before = await answerText(page);
  expect(before.length > 0, 'one token is shown before stopping');
  const cancel = page.waitForRequest(
    (r) => r.method() === 'POST' && (r.postData() ?? '').includes('CancelMessage'),
  );
  await page.getByTestId('stop-button').click();
  const request = await cancel;
  const response = await request.response();
  expect(response?.ok(), 'cancelMessage was accepted by the API');
  // The API paces tokens (RUSTYGPT_STREAM_TOKEN_DELAY_MS in scripts/e2e.mjs), so the stop reaches
  // a running answer: the server interrupts it (its stream ends with INTERRUPTED) and stores it
  // as CANCELLED, rather than having finished it already.
  const body = (await response?.json()) as { data?: { cancelMessage?: { status?: string } } };
  const serverStatus = body.data?.cancelMessage?.status;
  expect(serverStatus === 'CANCELLED', `server marked the answer ${serverStatus}, not CANCELLED`);
  gate.release();
  await page.locator('[data-testid="assistant-message"][data-phase="interrupted"]').waitFor();
  // Held tokens were released after the stop: none of them may appear.
  await page.waitForTimeout(500);
  expect(
    (await answerText(page)) === before,
    `text changed after stop: "${before}" → "${await answerText(page)}"`,
  );
  const badge = await page.getByTestId('message-status').last().textContent();
  expect(badge === 'Stopped', `status badge reads "${badge}"`);
  expect((await page.getByTestId('stop-button').count()) === 0, 'stop button disappears');
  // After a reload the page shows what the server stored: the answer stays stopped.
  await page.reload();
  await page.locator('[data-testid="assistant-message"][data-phase="interrupted"]').last().waitFor();
  const stored = await page.getByTestId('message-status').last().textContent();
  expect(stored === 'Stopped', `after reload the status badge reads "${stored}"`);
});

test('resumes a stream after a reload without losing or duplicating tokens', async (t) => {
  const { page, env } = t;
  t.allowConsole(/WebSocket/i);
  const expected = shared.get('answer');
  expect(typeof expected === 'string' && expected.length > 0, 'the first chat test stores the full answer');
  const gate = new SocketGate(holdAfterTokens(2));
  await gate.install(page);
  await ask(page, env.webUrl, QUESTION);
  await page.locator('[data-testid="assistant-message"][data-phase="streaming"]').waitFor();
  // Wait until both tokens the gate lets through (indices 0 and 1) are shown: the stream is then
  // held, so the text and the stored index no longer move while the test reads them.
  await page.waitForFunction(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('rustygpt:stream:'));
    if (!key) return false;
    const { lastIndex } = JSON.parse(sessionStorage.getItem(key)!) as { lastIndex: number | null };
    return lastIndex !== null && lastIndex >= 1;
  });
  const partial = await answerText(page);
  const lastIndex = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('rustygpt:stream:'))!;
    return (JSON.parse(sessionStorage.getItem(key)!) as { lastIndex: number }).lastIndex;
  });
  expect(
    partial.length > 0 && partial.length < expected.length,
    `mid-stream text "${partial}" is a proper prefix`,
  );
  expect(expected.startsWith(partial.slice(0, 3)), 'mid-stream text starts like the answer');

  gate.reset(holdCompletion);
  const subscriptionsBefore = gate.subscriptions.length;
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="answer-text"]') !== null);
  const resumed = gate.subscriptions.slice(subscriptionsBefore);
  await page.waitForFunction(
    (want) => (document.querySelector('[data-testid="answer-text"]')?.textContent ?? '').trim() === want,
    expected,
  );
  const after = gate.subscriptions.slice(subscriptionsBefore);
  expect(after.length >= 1, `the page resubscribed after the reload (${resumed.length} at first paint)`);
  expect(after[0]!.after === lastIndex, `resubscribed with after=${after[0]!.after}, expected ${lastIndex}`);
  expect(
    (await answerText(page)) === expected,
    'resumed text equals the full answer exactly (no loss, no duplicates)',
  );
  gate.release();
  await page.locator('[data-testid="assistant-message"][data-phase="complete"]').waitFor();
  expect((await answerText(page)) === expected, 'text unchanged when the stream completes');
  await t.screenshot('chat-resumed');
});

test('shows a refused question with its error code, keeps the text and offers a retry', async (t) => {
  const { page } = t;
  t.allowConsole(/status of 400/);
  const url = shared.get('conversationUrl');
  expect(typeof url === 'string', 'the first chat test stores its conversation URL');
  await page.goto(url);
  const tooLong = 'Why? '.repeat(900);
  const input = page.getByTestId('composer-input');
  await input.fill(tooLong);
  await input.press('Enter');
  const alert = page.getByTestId('send-error');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text.includes('BAD_USER_INPUT'), `error shows its code: "${text}"`);
  expect((await input.inputValue()) === tooLong, 'the refused question stays in the box');
  const retried = page.waitForRequest(
    (r) => r.method() === 'POST' && (r.postData() ?? '').includes('SendMessage'),
  );
  await alert.getByRole('button', { name: 'Retry' }).click();
  await retried;
  await page.getByTestId('send-error').filter({ hasText: 'BAD_USER_INPUT' }).waitFor();
});

test('survives a dropped connection mid-stream: the answer completes exactly once', async (t) => {
  const { page, env } = t;
  t.allowConsole(/WebSocket/i);
  const expected = shared.get('answer');
  expect(typeof expected === 'string' && expected.length > 0, 'the first chat test stores the full answer');
  const gate = new SocketGate(holdAfterTokens(2));
  await gate.install(page);
  await ask(page, env.webUrl, QUESTION);
  await page.locator('[data-testid="assistant-message"][data-phase="streaming"]').waitFor();
  const partial = await answerText(page);
  expect(
    partial.length > 0 && partial.length < expected.length,
    `mid-stream text "${partial}" is a proper prefix`,
  );
  const subscriptionsBefore = gate.subscriptions.length;
  await gate.drop(holdCompletion);
  await page.waitForFunction(
    (want) => (document.querySelector('[data-testid="answer-text"]')?.textContent ?? '').trim() === want,
    expected,
  );
  expect(gate.subscriptions.length > subscriptionsBefore, 'the client subscribed again on a new connection');
  gate.release();
  await page.locator('[data-testid="assistant-message"][data-phase="complete"]').waitFor();
  expect((await answerText(page)) === expected, 'no token lost or repeated after the drop');
});
