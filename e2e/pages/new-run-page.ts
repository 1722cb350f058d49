import { expect, type Locator, type Page } from '@playwright/test';

/** The New run page: presets, the seed editor, the preflight check and the launch gate. */
export class NewRunPage {
  readonly launchButton: Locator;
  readonly rejection: Locator;
  readonly launchAnyway: Locator;

  constructor(readonly page: Page) {
    this.launchButton = page.getByTestId('launch');
    this.rejection = page.getByTestId('preflight-rejection');
    this.launchAnyway = page.getByLabel('Launch anyway');
  }

  async goto(): Promise<void> {
    await this.page.goto('/runs/new');
  }

  async preset(name: RegExp): Promise<void> {
    await this.page.getByRole('radio', { name }).click();
  }

  async kind(value: 'stop' | 'transfer' | 'sandbox-study' | 'baseline'): Promise<void> {
    await this.page.getByLabel('Kind').selectOption(value);
  }

  async title(text: string): Promise<void> {
    await this.page.getByLabel('Title').fill(text);
  }

  /** Appends a line to the seed improver in the editor. */
  async appendToSeed(line: string): Promise<void> {
    const editor = this.page.locator('.monaco-editor').first();
    await expect(editor).toBeVisible({ timeout: 600_000 });
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(line, { delay: 15 });
  }

  async waitForPreflight(): Promise<void> {
    await expect(this.page.getByTestId('preflight')).toBeVisible({ timeout: 600_000 });
  }

  /** Launches and waits for the run's page; returns the run id. */
  async launch(urlPattern: RegExp = /\/runs\/run_[a-z0-9]+$/): Promise<string> {
    await this.launchButton.click();
    await this.page.waitForURL(urlPattern, { timeout: 600_000 });
    return /run_[a-z0-9]+/.exec(this.page.url())![0];
  }
}
