/**
 * Strategy tags detected from an improver's source: the search strategies the paper saw GPT-4 propose
 * (beam search, genetic algorithms, annealing, bandits, temperature schedules, decomposition, hints,
 * epsilon-greedy). Heuristic and cheap: comments and strings count too, since improvers often name
 * their idea in a docstring before implementing it.
 */
export const STRATEGY_TAGS = [
  'beam-search',
  'genetic',
  'simulated-annealing',
  'bandit',
  'temperature-schedule',
  'decomposition',
  'hints',
  'epsilon-greedy',
  'early-stopping',
  'greedy-iterative',
] as const;
export type StrategyTag = (typeof STRATEGY_TAGS)[number];

export const STRATEGY_LABELS: Record<StrategyTag, string> = {
  'beam-search': 'beam search',
  genetic: 'genetic',
  'simulated-annealing': 'annealing',
  bandit: 'bandit',
  'temperature-schedule': 'temperature schedule',
  decomposition: 'decomposition',
  hints: 'hints',
  'epsilon-greedy': 'epsilon-greedy',
  'early-stopping': 'early stopping',
  'greedy-iterative': 'greedy iterative',
};

type Rule = { tag: StrategyTag; patterns: RegExp[] };

const RULES: Rule[] = [
  {
    tag: 'beam-search',
    patterns: [/\bbeam[_\s-]?(search|width|size)?\b/i, /\btree[_\s-]search\b/i, /\bbest[_\s-]?k\b/i, /\btop[_\s-]?k\b.*\bexpand/i],
  },
  {
    tag: 'genetic',
    patterns: [/\bgenetic\b/i, /\bcrossover\b/i, /\bmutat(e|ion)\b/i, /\bpopulation\b/i, /\bgeneration(s)?\b.*\bfitness\b/i],
  },
  { tag: 'simulated-annealing', patterns: [/\banneal/i, /\bcooling[_\s-]?rate\b/i, /math\.exp\(\s*-?\s*\(?\s*delta/i] },
  { tag: 'bandit', patterns: [/\bbandit\b/i, /\bucb1?\b/i, /\bupper[_\s-]confidence/i, /\bthompson\b/i] },
  {
    tag: 'temperature-schedule',
    patterns: [
      /\btemperature\s*=\s*[^\n]*(\*|\/|-|\+)\s*[^\n]*\b(i|t|step|iteration|round|attempt)\b/i,
      /\btemperature[_\s-]?(schedule|decay)\b/i,
      /\b(temperatures|temps)\s*=\s*\[/i,
      /\bfor\s+\w+\s+in\s+(temperatures|temps)\b/i,
    ],
  },
  {
    tag: 'decomposition',
    patterns: [/\bdecompos/i, /\bsplit[_\s]?(into|the)?[_\s]?(functions|parts)\b/i, /\bimprove[_\s]each[_\s]?(part|function)\b/i, /\bast\.parse\b/],
  },
  { tag: 'hints', patterns: [/\bhints?\s*=\s*\[/i, /\bfor\s+hint\s+in\b/i, /\bhint\b.*\bprompt/i] },
  { tag: 'epsilon-greedy', patterns: [/\bepsilon\b/i, /\be[_-]?greedy\b/i] },
  { tag: 'greedy-iterative', patterns: [/\bgreedy[_\s-]iterative\b/i, /\bbest[_\s]solution[_\s]found[_\s]so[_\s]far\b/i] },
  { tag: 'early-stopping', patterns: [/\bearly[_\s-]?stop/i, /\bpatience\b/i, /\bno[_\s]improvement\b/i] },
];

export function detectStrategyTags(code: string): StrategyTag[] {
  return RULES.filter((rule) => rule.patterns.some((pattern) => pattern.test(code))).map((rule) => rule.tag);
}

/** A human label for a tag from the engine or from this detector (unknown tags are shown as they are). */
export function strategyLabel(tag: string): string {
  return (STRATEGY_LABELS as Record<string, string>)[tag] ?? tag.replaceAll('-', ' ');
}

/** Tags recorded by the engine win; the detector fills in when none were recorded. */
export function mergeStrategyTags(recorded: readonly string[], code: string | undefined): string[] {
  const detected = code ? detectStrategyTags(code) : [];
  return [...new Set([...recorded, ...detected])];
}
