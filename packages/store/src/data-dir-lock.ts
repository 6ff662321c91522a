import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConflictError } from '@rustygpt/core';

/** A held lock on an embedded data directory; release it when the database closes. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const held = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` (the pid inside) so only one process opens an embedded data directory:
 * two PGlite instances writing the same files would corrupt them. A lock left by a dead process is
 * taken over; a live holder (including this process) raises ConflictError.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = `${dataDir.replace(/[/\\]+$/, '')}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(path);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        held.delete(path);
        process.removeListener('exit', release);
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      const ours = pid === process.pid && held.has(path);
      if (Number.isInteger(pid) && pid > 0 && (ours || (pid !== process.pid && processAlive(pid)))) {
        throw new ConflictError(
          `the data directory ${dataDir} is in use by process ${pid}; stop it, or reach the data through its server (rustygpt db serve / DATABASE_URL)`,
          { dataDir, pid },
        );
      }
      // Stale: its process is gone (or the file is garbage).
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first
      }
    }
  }
  throw new ConflictError(`could not take the lock on ${dataDir}`, { dataDir });
}
