import { describe, expect, it } from 'vitest';
import { JsonScanError, JsonScanner, pathText, type JsonPath } from './json-scanner';

async function scan(text: string, chunkBytes: number, maxValueBytes = 1_000_000): Promise<[string, unknown][]> {
  const seen: [string, unknown][] = [];
  const scanner = new JsonScanner({
    maxValueBytes,
    descend: (at: JsonPath) => at.length === 0 || (at.length === 1 && at[0] === 'list'),
    onValue: (at, value) => {
      seen.push([pathText(at), JSON.parse(value)]);
    },
  });
  const bytes = Buffer.from(text);
  for (let index = 0; index < bytes.length; index += chunkBytes) await scanner.write(bytes.subarray(index, index + chunkBytes));
  scanner.end();
  return seen;
}

const DOCUMENT = JSON.stringify(
  { head: 'é "quoted" \\ }]', n: -1.5e3, list: [{ a: [1, { b: '}' }] }, 'x\\"y', 7, null, true, []], tail: { deep: ['ü'] } },
  null,
  1,
);

describe('streaming JSON scanner', () => {
  it('reports the same values for every way the text is cut into chunks', async () => {
    const whole = await scan(DOCUMENT, DOCUMENT.length);
    expect(whole).toEqual([
      ['head', 'é "quoted" \\ }]'],
      ['n', -1500],
      ['list[0]', { a: [1, { b: '}' }] }],
      ['list[1]', 'x\\"y'],
      ['list[2]', 7],
      ['list[3]', null],
      ['list[4]', true],
      ['list[5]', []],
      ['tail', { deep: ['ü'] }],
    ]);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(await scan(DOCUMENT, size)).toEqual(whole);
  });

  it('refuses broken documents and values over the limit, naming where', async () => {
    await expect(scan('{"list": [1, 2', 4)).rejects.toThrow(JsonScanError);
    await expect(scan('{"list": [1,, 2]}', 4)).rejects.toThrow(/list/);
    await expect(scan('{"a": 1} {}', 4)).rejects.toThrow(/after the end/);
    await expect(scan(JSON.stringify({ list: ['x'.repeat(200)] }), 16, 100)).rejects.toThrow(/list\[0\] is larger than/);
  });
});
