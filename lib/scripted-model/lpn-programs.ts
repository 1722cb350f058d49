import { pick } from './random';

/**
 * Parity-learning programs (LPN and noise-free parity) written on demand: what a program does is set by
 * its genes, and its score comes only from the judges running it. The model reads the genes back from
 * a quoted program (its constants) to decide what to propose next.
 *
 * Rungs: 0 = an idea that ignores the parity structure (≈ 50 %); 1..5 = a search over secrets of at most
 * `rung` relevant bits (a secret of weight w is found when w ≤ rung: P(w ≤ r) for w ~ Bin(10, 0.3) is
 * 0.15, 0.38, 0.65, 0.85, 0.95 for r = 1..5).
 */
export const TOP_RUNG = 5;

export interface LpnGenes {
  kind: 'baseline' | 'search' | 'elimination' | 'ambitious' | 'crashing';
  rung: number;
  /** Early stop at the first secret with at most this many training errors (too loose picks wrong ones). */
  stopAt: number | null;
  /** An off-by-one that never considers one bit position. */
  skip: 'none' | 'first' | 'last';
}

const WEIGHT_NAMES = ['MAX_WEIGHT', 'MAX_RELEVANT_BITS', 'ORDER_LIMIT', 'MAX_SUPPORT', 'SEARCH_DEPTH'];
const STOP_NAMES = ['GOOD_ENOUGH_ERRORS', 'EARLY_STOP_ERRORS', 'ACCEPT_ERRORS', 'STOP_THRESHOLD'];
const RESTART_NAMES = ['RESTARTS', 'N_TRIALS', 'ATTEMPTS', 'N_SUBSETS'];
const SAMPLE_NAMES = ['rows', 'xs', 'samples', 'data', 'train_rows'];
const LABEL_NAMES = ['labels', 'ys', 'targets', 'parity', 'y_train'];
const MASK_NAMES = ['secret', 'mask', 'candidate', 'support', 'guess'];

/** A constant name from `names` assigned an integer at module level in `code`. */
function constant(code: string, names: readonly string[]): number | null {
  for (const name of names) {
    const match = new RegExp(`^${name}\\s*=\\s*(\\d+)`, 'm').exec(code);
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

/** The genes of a quoted program, as far as the model can tell (rung 0 for anything it does not know). */
export function readLpnGenes(code: string): LpnGenes {
  const weight = constant(code, WEIGHT_NAMES);
  const restarts = constant(code, RESTART_NAMES);
  const stopAt = constant(code, STOP_NAMES);
  const skip = /range\(1, n_bits\)/.test(code) ? 'first' : /range\(n_bits - 1\)/.test(code) ? 'last' : 'none';
  if (weight !== null) return { kind: 'search', rung: Math.min(TOP_RUNG, weight), stopAt, skip };
  if (restarts !== null) return { kind: 'elimination', rung: restartsRung(restarts), stopAt: null, skip: 'none' };
  return { kind: 'baseline', rung: 0, stopAt: null, skip: 'none' };
}

function restartsRung(restarts: number): number {
  return restarts >= 6 ? 5 : restarts >= 3 ? 4 : 3;
}

function rungRestarts(rung: number, random: () => number): number {
  return rung >= 5 ? 6 + Math.floor(random() * 4) : rung >= 4 ? 3 + Math.floor(random() * 2) : 1 + Math.floor(random() * 2);
}

const INPUTS = (x: string, y: string) =>
  `    ${x} = [[int(bit) for bit in row] for row in train_samples]\n    ${y} = [int(label) for label in train_parity]\n`;

function searchProgram(genes: LpnGenes, random: () => number): { idea: string; code: string } {
  const x = pick(SAMPLE_NAMES, random);
  const y = pick(LABEL_NAMES, random);
  const m = pick(MASK_NAMES, random);
  const weightName = pick(WEIGHT_NAMES, random);
  const stopName = pick(STOP_NAMES, random);
  const bits = genes.skip === 'first' ? 'range(1, n_bits)' : genes.skip === 'last' ? 'range(n_bits - 1)' : 'range(n_bits)';
  const header = [
    `${weightName} = ${genes.rung}`,
    ...(genes.stopAt !== null ? [`${stopName} = ${genes.stopAt}`] : []),
  ].join('\n');
  const stopLines = (indent: string) =>
    genes.stopAt !== null ? `\n${indent}if best_errors <= ${stopName}:\n${indent}    return best\n` : '\n';
  const walsh = genes.rung >= 3 || random() < 0.3;
  if (walsh) {
    // Walsh–Hadamard transform: agreement of every parity with the labels in O(n 2^n).
    const code = `${header}


def _popcount(value):
    return bin(value).count("1")


def _best_parity(${x}, ${y}, n_bits):
    table = [0] * (1 << n_bits)
    for row, label in zip(${x}, ${y}):
        index = sum(row[i] << i for i in ${bits})
        table[index] += -1 if label else 1
    step = 1
    while step < len(table):
        for start in range(0, len(table), 2 * step):
            for i in range(start, start + step):
                a, b = table[i], table[i + step]
                table[i], table[i + step] = a + b, a - b
        step *= 2
    best, best_errors = 0, len(${y}) + 1
    for ${m} in sorted(range(len(table)), key=_popcount):
        if _popcount(${m}) > ${weightName}:
            break
        errors = (len(${y}) - table[${m}]) // 2
        if errors < best_errors:
            best, best_errors = ${m}, errors${stopLines('        ')}    return best


def algorithm(train_samples, train_parity, test_samples):
    """Finds the low-weight parity that agrees best with the noisy labels, via a Walsh-Hadamard transform."""
${INPUTS(x, y)}    n_bits = len(${x}[0])
    ${m} = _best_parity(${x}, ${y}, n_bits)
    return [sum(int(bit) for i, bit in enumerate(row) if ${m} >> i & 1) % 2 for row in test_samples]
`;
    return {
      idea: `Score every candidate secret of at most ${genes.rung} relevant bits at once with a Walsh–Hadamard transform of the label table, and predict with the one that disagrees with the fewest noisy labels.`,
      code,
    };
  }
  const code = `from itertools import combinations

${header}


def _errors(${x}, ${y}, subset):
    return sum((sum(row[i] for i in subset) & 1) != label for row, label in zip(${x}, ${y}))


def _search(${x}, ${y}, n_bits):
    best, best_errors = (), len(${y}) + 1
    for weight in range(${weightName} + 1):
        for subset in combinations(${bits}, weight):
            errors = _errors(${x}, ${y}, subset)
            if errors < best_errors:
                best, best_errors = subset, errors${stopLines('            ')}    return best


def algorithm(train_samples, train_parity, test_samples):
    """Tries every secret with at most ${genes.rung} relevant bits and keeps the one with the fewest training errors."""
${INPUTS(x, y)}    n_bits = len(${x}[0])
    ${m} = _search(${x}, ${y}, n_bits)
    return [sum(int(row[i]) for i in ${m}) % 2 for row in test_samples]
`;
  return {
    idea: `Enumerate candidate secrets of at most ${genes.rung} relevant bits and keep the one with the fewest training errors; the noise only flips a few labels.`,
    code,
  };
}

function eliminationProgram(genes: LpnGenes, random: () => number): { idea: string; code: string } {
  const x = pick(SAMPLE_NAMES, random);
  const y = pick(LABEL_NAMES, random);
  const name = pick(RESTART_NAMES, random);
  const restarts = rungRestarts(genes.rung, random);
  const size = 11 + Math.floor(random() * 4);
  const code = `import random

${name} = ${restarts}
SUBSET_SIZE = ${size}


def _solve_gf2(equations, n_bits):
    """Gaussian elimination over GF(2); equations are (row bits as int, label). None if underdetermined."""
    pivots = {}
    for value, label in equations:
        for bit in reversed(range(n_bits)):
            if not value >> bit & 1:
                continue
            if bit in pivots:
                other, other_label = pivots[bit]
                value, label = value ^ other, label ^ other_label
            else:
                pivots[bit] = (value, label)
                break
    if len(pivots) < n_bits:
        return None
    secret = 0
    for bit in sorted(pivots):
        value, label = pivots[bit]
        lower = value & ((1 << bit) - 1)
        if bin(lower & secret).count("1") % 2 != label:
            secret |= 1 << bit
    return secret


def algorithm(train_samples, train_parity, test_samples):
    """Solves the parity on random subsets of the training samples and keeps the solution with the fewest errors."""
${INPUTS(x, y)}    n_bits = len(${x}[0])
    packed = [(sum(bit << i for i, bit in enumerate(row)), label) for row, label in zip(${x}, ${y})]
    rng = random.Random(${Math.floor(random() * 10_000)})
    best, best_errors = 0, len(packed) + 1
    for _ in range(${name}):
        secret = _solve_gf2(rng.sample(packed, SUBSET_SIZE), n_bits)
        if secret is None:
            continue
        errors = sum(bin(value & secret).count("1") % 2 != label for value, label in packed)
        if errors < best_errors:
            best, best_errors = secret, errors
    return [bin(sum(int(bit) << i for i, bit in enumerate(row)) & best).count("1") % 2 for row in test_samples]
`;
  return {
    idea: `Gaussian elimination over GF(2) on ${restarts} random subsets of ${size} samples (a subset is often noise-free), keeping the solution with the fewest training errors.`,
    code,
  };
}

const BASELINES: readonly { idea: string; body: (x: string, y: string) => string }[] = [
  {
    idea: 'Predict the majority training label for every test sample; parity labels are balanced, so this is a safe baseline.',
    body: (_x, y) => `    ones = sum(${y})\n    guess = 1 if 2 * ones > len(${y}) else 0\n    return [guess for _ in test_samples]\n`,
  },
  {
    idea: 'A k-nearest-neighbour vote: label each test sample by the majority label of the closest training samples in Hamming distance.',
    body: (x, y) =>
      `    k = 9\n    predictions = []\n    for row in test_samples:\n        bits = [int(bit) for bit in row]\n        ranked = sorted(range(len(${x})), key=lambda j: sum(a != b for a, b in zip(bits, ${x}[j])))\n        votes = sum(${y}[j] for j in ranked[:k])\n        predictions.append(1 if 2 * votes > k else 0)\n    return predictions\n`,
  },
  {
    idea: 'The label is a XOR of bits, so predict the XOR of all bits of each test sample.',
    body: () => `    return [sum(int(bit) for bit in row) % 2 for row in test_samples]\n`,
  },
  {
    idea: 'Find the single bit that agrees most with the labels and predict with it.',
    body: (x, y) =>
      `    n_bits = len(${x}[0])\n    agreement = [sum(row[i] == label for row, label in zip(${x}, ${y})) for i in range(n_bits)]\n    best = agreement.index(max(agreement))\n    return [int(row[best]) for row in test_samples]\n`,
  },
];

function baselineProgram(random: () => number): { idea: string; code: string } {
  const x = pick(SAMPLE_NAMES, random);
  const y = pick(LABEL_NAMES, random);
  const chosen = pick(BASELINES, random);
  const code = `def algorithm(train_samples, train_parity, test_samples):\n    """${chosen.idea.split(';')[0]?.replace(/\.$/, '')}."""\n${INPUTS(x, y)}${chosen.body(x, y)}`;
  return { idea: chosen.idea, code };
}

function ambitiousProgram(random: () => number): { idea: string; code: string } {
  const y = pick(LABEL_NAMES, random);
  const code = `from itertools import product


def algorithm(train_samples, train_parity, test_samples):
    """Exact maximum likelihood: considers every pattern of flipped labels and keeps the most likely consistent one."""
    ${y} = [int(label) for label in train_parity]
    rows = [[int(bit) for bit in row] for row in train_samples]
    best, best_flips = None, len(${y}) + 1
    for flips in product((0, 1), repeat=len(${y})):
        if sum(flips) >= best_flips:
            continue
        clean = [label ^ flip for label, flip in zip(${y}, flips)]
        consistent = all(sum(r) % 2 == c for r, c in zip(rows[:2], clean[:2])) and sum(clean) < 0
        if consistent:
            best, best_flips = clean, sum(flips)
    return [best[0] if best else 0 for _ in test_samples]
`;
  return {
    idea: 'Maximum likelihood is optimal under label noise: enumerate every pattern of flipped labels and keep the most likely consistent secret.',
    code,
  };
}

function crashingProgram(random: () => number): { idea: string; code: string } {
  const x = pick(SAMPLE_NAMES, random);
  const y = pick(LABEL_NAMES, random);
  const code = `def algorithm(train_samples, train_parity, test_samples):
    """Weights each bit by how often flipping it flips the label, then thresholds the weighted sum."""
${INPUTS(x, y)}    n_bits = len(${x}[0])
    weights = [0.0] * n_bits
    for row, label in zip(${x}, ${y}):
        for i in range(n_bits + 1):
            weights[i] += row[i] * (1 if label else -1)
    return [int(sum(w * int(b) for w, b in zip(weights, row)) > 0) for row in test_samples]
`;
  return {
    idea: 'Learn one weight per bit from the correlation between the bit and the label, then threshold the weighted sum.',
    code,
  };
}

/** A parity-learning program with the given genes (names, layout and comments drawn from `random`). */
export function lpnProgram(genes: LpnGenes, random: () => number): { idea: string; code: string } {
  switch (genes.kind) {
    case 'search':
      return searchProgram(genes, random);
    case 'elimination':
      return eliminationProgram(genes, random);
    case 'ambitious':
      return ambitiousProgram(random);
    case 'crashing':
      return crashingProgram(random);
    case 'baseline':
      return baselineProgram(random);
  }
}
