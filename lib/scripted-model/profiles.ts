/**
 * Skill profiles of the scripted model: how good its programs are and how often its answers are
 * imperfect. Nothing here is a score: the curves come from the judges running the programs.
 */
export const SCRIPTED_PROFILE_NAMES = ['scripted-strong', 'scripted-weak', 'scripted-timid'] as const;
export type ScriptedProfileName = (typeof SCRIPTED_PROFILE_NAMES)[number];

/** Every scripted model: the classic bank model `scripted` and the skill profiles. */
export const SCRIPTED_MODEL_NAMES = ['scripted', ...SCRIPTED_PROFILE_NAMES] as const;
export type ScriptedModelName = (typeof SCRIPTED_MODEL_NAMES)[number];

export const IMPERFECT_KINDS = ['prose', 'truncated', 'syntax-error', 'wrong-signature', 'refusal', 'reasoning'] as const;
export type ImperfectKind = (typeof IMPERFECT_KINDS)[number];

/** How the profile's improver proposals relate to the improver it is shown. */
export type ImproverStyle = 'climbs' | 'damages' | 'tinkers';

export interface SkillProfile {
  name: ScriptedProfileName;
  summary: string;
  /** Rung change of a proposed parity solution relative to the quoted one: [delta, weight]. */
  solutionSteps: readonly (readonly [number, number])[];
  /**
   * Diminishing returns: by the quoted program's rung, the factor on the weight of every upward step
   * (the rest of that weight stays at "no change"). Better programs are harder to improve, so that more
   * LM calls buy less and less, as with real models. Omitted: 1 at every rung.
   */
  climb?: readonly number[];
  /** Probabilities of an over-ambitious (times out) and a crashing solution. */
  ambitious: number;
  crashing: number;
  /** An early stop so loose that it often keeps a wrong secret. */
  looseStop: number;
  /** An off-by-one that never looks at one bit. */
  offByOne: number;
  improverStyle: ImproverStyle;
  /** Per answer, probability of each imperfection (the rest are well-formed). */
  imperfect: Readonly<Record<ImperfectKind, number>>;
}

export const SKILL_PROFILES: Readonly<Record<ScriptedProfileName, SkillProfile>> = {
  'scripted-strong': {
    name: 'scripted-strong',
    summary:
      'Solutions and improvers of graded quality; better improvers (more samples, better selection) earn better downstream scores; some over-ambitious solutions time out.',
    solutionSteps: [
      [-1, 0.12],
      [0, 0.5],
      [1, 0.3],
      [2, 0.08],
    ],
    climb: [1, 0.15, 0.05, 0.02, 0.01, 0],
    ambitious: 0.04,
    crashing: 0.03,
    looseStop: 0.1,
    offByOne: 0.05,
    improverStyle: 'climbs',
    imperfect: { prose: 0.02, truncated: 0.02, 'syntax-error': 0.01, 'wrong-signature': 0.01, refusal: 0.005, reasoning: 0.04 },
  },
  'scripted-weak': {
    name: 'scripted-weak',
    summary:
      'Plausible ideas with overly simple or incorrect implementations; improvers that damage the improver while sparing short solutions, or silently return the original.',
    solutionSteps: [
      [-1, 0.3],
      [0, 0.45],
      [1, 0.2],
      [2, 0.05],
    ],
    climb: [1, 0.1, 0.03, 0.01, 0.005, 0],
    ambitious: 0.05,
    crashing: 0.12,
    looseStop: 0.3,
    offByOne: 0.35,
    improverStyle: 'damages',
    imperfect: { prose: 0.06, truncated: 0.04, 'syntax-error': 0.04, 'wrong-signature': 0.03, refusal: 0.01, reasoning: 0.04 },
  },
  'scripted-timid': {
    name: 'scripted-timid',
    summary: 'Small harmless edits: docstrings, prompt rewording, caching; solutions barely change.',
    solutionSteps: [
      [-1, 0.2],
      [0, 0.68],
      [1, 0.12],
    ],
    climb: [1, 0.12, 0.04, 0.015, 0.005, 0],
    ambitious: 0.01,
    crashing: 0.03,
    looseStop: 0.1,
    offByOne: 0.1,
    improverStyle: 'tinkers',
    imperfect: { prose: 0.02, truncated: 0.01, 'syntax-error': 0.005, 'wrong-signature': 0.005, refusal: 0.005, reasoning: 0.02 },
  },
};

export function isScriptedProfile(name: string): name is ScriptedProfileName {
  return (SCRIPTED_PROFILE_NAMES as readonly string[]).includes(name);
}
