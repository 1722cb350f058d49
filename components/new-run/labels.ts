export const ADOPTION_LABELS: Record<string, string> = {
  'any-nonzero': 'Adopt any non-zero candidate (reference code)',
  'no-worse': 'Adopt only if ≥ the parent (strict)',
  random: 'Adopt a random candidate (control)',
};
