import { expect, rememberSession, testSignedOut } from './harness';

testSignedOut(
  'a signed-out visitor is sent to the sign-in page and cannot get an API token',
  async ({ page, env }) => {
    await page.goto(`${env.webUrl}/chat`);
    await page.waitForURL(/\/signin/);
    await page.getByRole('button', { name: /Test OIDC/ }).waitFor();
    const token = await page.request.get(`${env.webUrl}/api/token`);
    expect(token.status() === 401, `expected 401 from /api/token, got ${token.status()}`);
  },
);

testSignedOut(
  'signs in through the local OIDC provider',
  async ({ page, env, context, checkA11y, screenshot }) => {
    await page.goto(`${env.webUrl}/signin`);
    await checkA11y('sign-in page');
    await screenshot('signin');
    await page.getByRole('button', { name: /Test OIDC/ }).click();
    await page.waitForURL(/\/chat$/);
    const name = await page.getByTestId('user-name').textContent();
    expect(name === env.userName, `header shows "${name}", expected "${env.userName}"`);
    const token = await page.request.get(`${env.webUrl}/api/token`);
    expect(token.ok(), `token endpoint answered ${token.status()}`);
    const body = (await token.json()) as { token: string; expiresAt: number };
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(
      claims.iss === 'rustygpt-web' && claims.aud === 'rustygpt-api',
      'token has the API issuer/audience',
    );
    expect(
      claims.provider === 'oidc' && claims.sub === 'e2e-user-1',
      `token speaks for the OIDC user: ${JSON.stringify(claims)}`,
    );
    expect(body.expiresAt - Date.now() <= 300_000, 'token is short-lived');
    await rememberSession(context);
  },
);
