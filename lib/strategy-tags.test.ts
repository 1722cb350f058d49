import { describe, expect, it } from 'vitest';
import { detectStrategyTags, mergeStrategyTags, strategyLabel } from './strategy-tags';

const SEED = `
from helpers import extract_code

def improve_algorithm(initial_solution, utility, language_model):
    """Improves a solution according to a utility function."""
    expertise = "You are an expert computer science researcher and programmer."
    message = f"Improve the following solution:\\n{initial_solution}"
    new_solutions = language_model.prompt(expertise, message, n_responses=language_model.max_responses_per_call)
    new_solutions = extract_code(new_solutions)
    best_solution = max(new_solutions, key=utility)
    return best_solution
`;

describe('detectStrategyTags', () => {
  it('finds nothing special in the seed improver', () => {
    expect(detectStrategyTags(SEED)).toEqual([]);
  });

  it('detects beam search', () => {
    const code = 'beam_width = 3\nfor _ in range(4):\n    beam = sorted(beam, key=utility)[-beam_width:]';
    expect(detectStrategyTags(code)).toContain('beam-search');
  });

  it('detects genetic algorithms from crossover and mutation', () => {
    expect(detectStrategyTags('def crossover(a, b):\n    pass\ndef mutate(x):\n    pass')).toContain('genetic');
  });

  it('detects simulated annealing', () => {
    const code = 'T = 1.0\nif random.random() < math.exp(-delta / T):\n    current = cand\nT *= cooling_rate';
    expect(detectStrategyTags(code)).toContain('simulated-annealing');
  });

  it('detects bandits / UCB', () => {
    expect(detectStrategyTags('score = mean + math.sqrt(2 * math.log(total) / n)  # UCB')).toContain('bandit');
    expect(detectStrategyTags('class Bandit:\n    pass')).toContain('bandit');
  });

  it('detects temperature schedules', () => {
    expect(detectStrategyTags('temperature = 1.0 - 0.2 * i')).toContain('temperature-schedule');
    expect(detectStrategyTags('temperatures = [0.3, 0.7, 1.0]')).toContain('temperature-schedule');
    expect(detectStrategyTags('language_model.prompt(e, m, temperature=0.7)')).not.toContain('temperature-schedule');
  });

  it('detects decomposition, hints, epsilon-greedy and early stopping', () => {
    expect(detectStrategyTags('# decompose the solution into functions')).toContain('decomposition');
    expect(detectStrategyTags('hints = ["vectorise", "cache"]\nfor hint in hints: pass')).toContain('hints');
    expect(detectStrategyTags('epsilon = 0.1')).toContain('epsilon-greedy');
    expect(detectStrategyTags('patience = 2')).toContain('early-stopping');
  });

  it('detects greedy iterative improvement, and epsilon-greedy is not that', () => {
    expect(detectStrategyTags('# Greedy iterative improvement: keep improving the best solution found so far')).toContain('greedy-iterative');
    expect(detectStrategyTags('epsilon_greedy = True')).not.toContain('greedy-iterative');
  });

  it('detects several strategies in one improver', () => {
    const tags = detectStrategyTags('population = []\nepsilon = 0.2\nbeam_size = 4');
    expect(tags).toEqual(expect.arrayContaining(['genetic', 'epsilon-greedy', 'beam-search']));
  });
});

describe('mergeStrategyTags and labels', () => {
  it('keeps recorded tags first and adds detected ones once', () => {
    expect(mergeStrategyTags(['beam-search'], 'beam_width = 2\nepsilon = 0.1')).toEqual(['beam-search', 'epsilon-greedy']);
    expect(mergeStrategyTags(['custom'], undefined)).toEqual(['custom']);
  });

  it('labels known and unknown tags', () => {
    expect(strategyLabel('simulated-annealing')).toBe('annealing');
    expect(strategyLabel('my-new-idea')).toBe('my new idea');
  });
});
