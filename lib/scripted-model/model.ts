import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import type { TaskDefinition } from '@/lib/tasks/types';
import { extractCode } from '@/lib/lm/extract-code';
import { SCRIPTED_MODEL_NAME } from '@/lib/lm/provider';
import { estimateTokens } from '@/lib/lm/tokens';
import { formatAnswer } from './answer';
import { drawImperfection, renderAnswer, type ScriptedAnswer } from './imperfect';
import { improverBank } from './improver-bank';
import { proposeImprover, proposeSolution, type Proposal } from './profile-answers';
import { SKILL_PROFILES, type ImperfectKind, type ScriptedProfileName, type SkillProfile } from './profiles';
import { pick, seededRandom } from './random';
import { recognisePrompt, quotesCode, type PromptKind } from './recognise';
import { entriesNearRank, improverFailureProbability, sampleRank, tierRank } from './sampling';

export interface ScriptedRequest {
  /** The system message (the improver's expertise). */
  system: string;
  /** The user message. */
  message: string;
  n: number;
  temperature: number;
  /** Per-request seed (the OpenAI `seed` parameter): distinguishes repeated identical requests. */
  seed?: number;
}

export interface ScriptedCompletion {
  /** The answers' content (what `choices[i].message.content` carries). */
  responses: string[];
  /** Each answer with its finish reason, separate reasoning and imperfection. */
  answers: ScriptedAnswer[];
  promptTokens: number;
  completionTokens: number;
  kind: PromptKind['kind'];
  taskId?: string;
}

export interface ScriptedModel {
  /** `scripted` (the classic bank model) or a skill profile's name. */
  readonly name: string;
  complete(request: ScriptedRequest): ScriptedCompletion;
}

export interface ScriptedModelOptions {
  seed?: number;
  /** Tasks the model recognises and answers from their solution banks (default: the built-in ones). */
  tasks?: readonly TaskDefinition[];
  /** A skill profile (distinct programs, imperfect answers); omitted: the classic bank model. */
  profile?: ScriptedProfileName;
  /** Overrides of the profile's imperfect-answer rates (e.g. 30 % prose, to test an improver's robustness). */
  imperfect?: Partial<Record<ImperfectKind, number>>;
}

interface Ranked {
  rank: number;
  idea: string;
  code: string;
}

/** The rank of the best known program the prompt quotes (`fallback` when it quotes none). */
function currentRank(prompt: string, known: readonly Ranked[], fallback: number): number {
  const quoted = quotesCode(prompt);
  const ranks = known.filter((entry) => entry.rank > 0 && quoted(entry.code)).map((entry) => entry.rank);
  return ranks.length > 0 ? Math.max(...ranks) : fallback;
}

function sampleFrom(
  bank: readonly Ranked[],
  prompt: string,
  temperature: number,
  random: () => number,
  failureChance?: (temperature: number) => number,
): Ranked {
  const rank = sampleRank(currentRank(prompt, bank, 1), temperature, random, failureChance);
  return pick(entriesNearRank(bank, rank), random);
}

function taskBank(task: TaskDefinition): Ranked[] {
  return task.solutionBank.map((solution) => ({
    rank: tierRank(solution.tier),
    idea: solution.idea,
    code: solution.code,
  }));
}

const GENERIC_PROGRAMS: readonly Ranked[] = [
  {
    rank: 1,
    idea: 'A small, self-contained function is the clearest starting point.',
    code: 'def solve(*args):\n    """Returns its first argument unchanged (a placeholder to build on)."""\n    return args[0] if args else None\n',
  },
  {
    rank: 1,
    idea: 'Validate the inputs first, then compute the answer in one pass.',
    code: 'def solve(values):\n    if not values:\n        return 0\n    total = 0\n    for value in values:\n        total += value\n    return total\n',
  },
];

/** For prompts it does not recognise: the code the prompt quotes, tidied, or a generic program. */
function genericAnswer(prompt: string, random: () => number): Ranked {
  const quoted = extractCode(prompt);
  if (quoted && quoted.trim() !== '') {
    return { rank: 1, idea: 'The existing code is sound; I kept its logic and tidied it.', code: quoted };
  }
  return pick(GENERIC_PROGRAMS, random);
}

/**
 * The built-in scripted language model: deterministic for (seed, request, sample index). It
 * recognises self-improvement prompts, built-in task prompts and anything else, and answers each
 * sample with an idea sentence and one fenced python block drawn from its banks.
 */
export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  if (options.profile) {
    const profile = SKILL_PROFILES[options.profile];
    return createProfileModel({ ...profile, imperfect: { ...profile.imperfect, ...options.imperfect } }, options);
  }
  const seed = options.seed ?? 0;
  const tasks = options.tasks ?? BUILTIN_TASKS;
  return {
    name: SCRIPTED_MODEL_NAME,
    complete(request) {
      const prompt = `${request.system}\n${request.message}`;
      const recognised = recognisePrompt(request.message, tasks);
      const n = Math.max(1, Math.floor(request.n));
      const responses = Array.from({ length: n }, (_, sampleIndex) => {
        const random = seededRandom(
          'scripted/v1',
          seed,
          request.seed ?? 0,
          request.system,
          request.message,
          request.temperature,
          sampleIndex,
        );
        const chosen =
          recognised.kind === 'improver'
            ? sampleFrom(improverBank(), request.message, request.temperature, random, improverFailureProbability)
            : recognised.kind === 'task' && recognised.task.solutionBank.length > 0
              ? sampleFrom(taskBank(recognised.task), request.message, request.temperature, random)
              : genericAnswer(request.message, random);
        return formatAnswer(chosen.idea, chosen.code, random);
      });
      return completionOf(
        prompt,
        responses.map((content) => ({ content, finishReason: 'stop', reasoning: null, imperfection: null })),
        recognised,
      );
    },
  };
}

function completionOf(prompt: string, answers: ScriptedAnswer[], recognised: PromptKind): ScriptedCompletion {
  return {
    responses: answers.map((answer) => answer.content),
    answers,
    promptTokens: estimateTokens(prompt),
    completionTokens: answers.reduce(
      (sum, answer) => sum + estimateTokens(answer.content) + (answer.reasoning ? estimateTokens(answer.reasoning) : 0),
      0,
    ),
    kind: recognised.kind,
    taskId: recognised.kind === 'task' ? recognised.task.id : undefined,
  };
}

/**
 * A skill profile: every answer is a new program (parity tasks: written from genes; other tasks and
 * improvers: bank programs varied), some answers imperfect at the profile's rates.
 */
function createProfileModel(profile: SkillProfile, options: ScriptedModelOptions): ScriptedModel {
  const seed = options.seed ?? 0;
  const tasks = options.tasks ?? BUILTIN_TASKS;
  return {
    name: profile.name,
    complete(request) {
      const prompt = `${request.system}\n${request.message}`;
      const recognised = recognisePrompt(request.message, tasks);
      const n = Math.max(1, Math.floor(request.n));
      const answers = Array.from({ length: n }, (_, sampleIndex) => {
        const random = seededRandom(
          'scripted-profile/v1',
          profile.name,
          seed,
          request.seed ?? 0,
          request.system,
          request.message,
          request.temperature,
          sampleIndex,
        );
        const proposal: Proposal =
          recognised.kind === 'improver'
            ? proposeImprover(profile, request.message, request.temperature, random)
            : recognised.kind === 'task'
              ? proposeSolution(profile, recognised.task, request.message, request.temperature, random)
              : genericAnswer(request.message, random);
        return renderAnswer(proposal.idea, proposal.code, drawImperfection(profile.imperfect, random), random);
      });
      return completionOf(prompt, answers, recognised);
    },
  };
}
