import { ADMIN_TOKEN, expect, screenshot, signIn, test } from './support';

test.describe('pages', () => {
  test('a signed-out visitor is sent to sign in, and a wrong token is refused in words', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=%2F/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#token-error')).toContainText('not the admin token');
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  });

  test('the session cookie holds a random session id, not the token', async ({ page, context }) => {
    await signIn(page);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'stop_admin');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session?.value).not.toContain(ADMIN_TOKEN);
  });

  test('every page renders, in light and dark', async ({ page }) => {
    await signIn(page);
    const pages: [string, string, RegExp | string][] = [
      ['runs', '/', 'Runs'],
      ['new-run', '/runs/new', 'Improve the improver'],
      ['compare', '/compare', 'Compare runs'],
      ['diff-picker', '/diff', 'Diff improvers'],
      ['transfer', '/transfer', 'Transfer (Table 1)'],
      ['sandbox-study', '/sandbox-study', 'Sandbox study (Table 2)'],
      ['tasks', '/tasks', 'Tasks'],
      ['settings', '/settings', 'Settings and health'],
    ];
    for (const [name, url, heading] of pages) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      if (name === 'new-run') await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 120_000 });
      await screenshot(page, name);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const [name, url] of [['runs-dark', '/'], ['new-run-dark', '/runs/new'], ['settings-dark', '/settings']] as const) {
      await page.goto(url);
      await expect(page.locator('html')).toHaveClass(/dark/);
      if (name === 'new-run-dark') await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 120_000 });
      await screenshot(page, name);
    }
  });

  test('the settings page reports the database, Python, sandbox, model and access', async ({ page }) => {
    await signIn(page, '/settings');
    await expect(page.getByRole('heading', { name: 'Database' })).toBeVisible();
    await expect(page.getByText('PGlite (embedded PostgreSQL)')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Python interpreter' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sandbox isolation' })).toBeVisible();
    await expect(page.getByText('scripted — the built-in deterministic model')).toBeVisible();
    await expect(page.getByText('An admin token is configured')).toBeVisible();
  });

  test('the theme toggle switches to dark and back', async ({ page }) => {
    await signIn(page, '/tasks');
    const toggle = page.getByRole('button', { name: /theme/ });
    await toggle.click(); // system -> light
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await toggle.click(); // light -> dark
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await toggle.click(); // dark -> system (light in this browser)
    await expect(page.locator('html')).not.toHaveClass(/dark/);
  });

  test('the server refuses mutations without a session', async ({ request }) => {
    const launch = await request.post('/api/runs', { data: { kind: 'stop', seedImprover: 'x', iterations: 1 } });
    expect(launch.status()).toBe(401);
    expect((await launch.json()).ok).toBe(false);
    const list = await request.get('/api/runs');
    expect(list.status()).toBe(401);
  });
});
