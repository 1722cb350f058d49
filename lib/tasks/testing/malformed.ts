/** Malformed variants of a list of n 0/1 labels, as JSON text (NaN and Infinity as Python's json reads them). */
export function bitListMalformations(n: number): Record<string, string> {
  const zeros = Array<number>(n).fill(0);
  const withValue = (value: string) => `[${['', ...zeros.slice(1)].map((item, index) => (index === 0 ? value : String(item))).join(',')}]`;
  return {
    'one short': JSON.stringify(zeros.slice(1)),
    'one extra': JSON.stringify([...zeros, 0]),
    empty: '[]',
    'nested lists': JSON.stringify(zeros.map((zero) => [zero])),
    'value 2': withValue('2'),
    'value -1': withValue('-1'),
    'value 0.5': withValue('0.5'),
    NaN: withValue('NaN'),
    Infinity: withValue('Infinity'),
    'string label': withValue('"0"'),
    'null label': withValue('null'),
    'a string': JSON.stringify('0'.repeat(n)),
    'a number': '0',
    null: 'null',
    'an object': JSON.stringify({ predictions: zeros }),
  };
}

/** Predictions of n labels that are malformed under the reference's `reshape(-1)` and `==`: another length. */
export function predictionLengthMalformations(n: number): Record<string, string> {
  const zeros = Array<number>(n).fill(0);
  return {
    'one short': JSON.stringify(zeros.slice(1)),
    'one extra': JSON.stringify([...zeros, 0]),
    empty: '[]',
    'ragged nesting': JSON.stringify([[0, 1], ...zeros.slice(1).map((zero) => [zero])]),
  };
}
