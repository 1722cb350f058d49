import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code';

describe('extractCode', () => {
  it('returns the longest complete outermost block without its fences', () => {
    const text = 'Idea.\n\n```python\nshort = 1\n```\nand\n```python\nlonger = 2\nlonger += 1\n```\n';
    expect(extractCode(text)).toBe('longer = 2\nlonger += 1');
  });

  it('counts nesting, so a program whose strings contain fences stays whole', () => {
    const program = 'def f():\n    return """\n```python\nx\n```\n"""';
    expect(extractCode(`Here.\n\n\`\`\`python\n${program}\n\`\`\`\n`)).toBe(program);
  });

  it('returns null without a complete block', () => {
    expect(extractCode('no code here')).toBeNull();
    expect(extractCode('```python\nunfinished')).toBeNull();
    expect(extractCode('```\nno language\n```')).toBeNull();
  });
});
