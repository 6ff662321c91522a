import { getServerSession, type Session } from 'next-auth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authOptions } from './options';
import { requireSession } from './session';

vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(),
}));

const signedIn: Session = {
  user: { id: 'github|42', name: 'Ada' },
  provider: 'github',
  expires: '2030-01-01T00:00:00Z',
};

/** Next's redirect() throws an error whose digest carries the target URL. */
const redirectTo = (url: string) => expect.objectContaining({ digest: expect.stringContaining(`;${url};`) });

afterEach(() => vi.mocked(getServerSession).mockReset());

describe('requireSession', () => {
  it('returns the session of a signed-in user', async () => {
    vi.mocked(getServerSession).mockResolvedValue(signedIn);
    await expect(requireSession()).resolves.toBe(signedIn);
    expect(getServerSession).toHaveBeenCalledWith(authOptions);
  });

  it('sends a visitor to sign in and back to the chat afterwards', async () => {
    vi.mocked(getServerSession).mockResolvedValue(null);
    await expect(requireSession()).rejects.toEqual(redirectTo('/signin?callbackUrl=%2Fchat'));
  });

  it('comes back to the protected page asked for, and rejects a session without user id', async () => {
    vi.mocked(getServerSession).mockResolvedValue({ ...signedIn, user: { id: '' } });
    await expect(requireSession('/entities/a=b')).rejects.toEqual(
      redirectTo('/signin?callbackUrl=%2Fentities%2Fa%3Db'),
    );
  });
});
