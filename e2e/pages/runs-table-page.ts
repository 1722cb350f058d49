import { expect, type Locator, type Page } from '@playwright/test';

/** The runs list: search, filters, sorting, grouping, and each run's name, tags and note. */
export class RunsTablePage {
  readonly rows: Locator;
  readonly groups: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('run-row');
    this.groups = page.getByTestId('run-group');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId('runs-count')).toBeVisible();
  }

  row(runId: string): Locator {
    return this.page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`).first();
  }

  async filter(values: Partial<Record<'Task' | 'Model' | 'Kind' | 'Status' | 'Tag' | 'Group by', string>>): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Filter runs' });
    // A select inside its label: the label's text also holds the chosen option, hence a prefix match.
    for (const [label, value] of Object.entries(values)) await form.getByLabel(new RegExp(`^${label}`)).selectOption(value);
    await form.getByRole('button', { name: 'Apply' }).click();
    await this.page.waitForLoadState('load');
  }

  async sortBy(key: 'final' | 'title' | 'created' | 'status' | 'task' | 'model'): Promise<void> {
    const before = this.page.url();
    await this.page.getByTestId(`sort-${key}`).first().click();
    await this.page.waitForURL((url) => url.toString() !== before);
  }

  async editLabels(runId: string, labels: { title: string; tags: string; note: string }): Promise<void> {
    const row = this.row(runId);
    await row.getByText('Edit name, tags, note').click();
    const form = row.getByTestId('run-labels-form');
    await form.getByLabel('Name').fill(labels.title);
    await form.getByLabel('Tags (comma-separated)').fill(labels.tags);
    await form.getByLabel('Note').fill(labels.note);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByTestId('run-title')).toHaveText(labels.title);
  }

  async runIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-run-id') ?? ''));
  }

  async finals(): Promise<number[]> {
    const texts = await this.rows.getByTestId('run-final').allTextContents();
    return texts.map((text) => Number.parseFloat(text)).filter((value) => Number.isFinite(value));
  }
}
