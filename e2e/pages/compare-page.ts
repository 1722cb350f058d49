import { expect, type Locator, type Page } from '@playwright/test';

/** Compare: charts, statistics between runs, baselines and comparison share links. */
export class ComparePage {
  readonly statistics: Locator;
  readonly refusals: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.statistics = page.getByTestId('paired-comparison');
    this.refusals = page.getByTestId('comparison-none');
    this.chart = page.getByTestId('compare-chart');
  }

  async goto(runIds: string[], layout?: 'panels'): Promise<void> {
    const params = new URLSearchParams(runIds.map((id) => ['runs', id]));
    if (layout) params.set('layout', layout);
    await this.page.goto(`/compare?${params}`);
  }

  /** Creates a share link of this view; returns its path. */
  async share(): Promise<string> {
    await this.page.getByTestId('share-comparison').click();
    const link = this.page.getByTestId('comparison-share-link').first();
    await expect(link).toBeVisible();
    return (await link.getAttribute('href'))!;
  }

  async revokeFirst(): Promise<void> {
    await this.page.getByRole('button', { name: 'Revoke', exact: true }).first().click();
    const confirm = this.page.getByRole('group', { name: 'Confirm revocation' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(this.page.getByText(/revoked \d{4}/).first()).toBeVisible();
  }
}
