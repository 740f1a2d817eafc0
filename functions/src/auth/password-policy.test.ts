import { describe, expect, it } from 'vitest';
import { newPasswordSchema, passwordPolicyProblem } from './password-policy.ts';

describe('passwordPolicyProblem', () => {
  it('accepts 12 to 1024 characters', () => {
    expect(passwordPolicyProblem('correct horse')).toBeUndefined();
    expect(passwordPolicyProblem('x'.repeat(1024))).toBeUndefined();
  });

  it('counts characters as a person does, not UTF-16 units', () => {
    expect(passwordPolicyProblem('🔑'.repeat(11))).toBe('Use a password of at least 12 characters.');
    expect(passwordPolicyProblem('🔑'.repeat(12))).toBeUndefined();
  });

  it('refuses too short, too long and whitespace-only passwords with a clear message', () => {
    expect(passwordPolicyProblem('short')).toBe('Use a password of at least 12 characters.');
    expect(passwordPolicyProblem('x'.repeat(1025))).toBe('Use a password of at most 1024 characters.');
    expect(passwordPolicyProblem(' \t'.repeat(8))).toBe('A password cannot consist of spaces only.');
  });

  it('is available as a zod schema for request bodies', () => {
    expect(newPasswordSchema.safeParse('long enough pass').success).toBe(true);
    const result = newPasswordSchema.safeParse('short');
    expect(result.error?.issues[0]?.message).toBe('Use a password of at least 12 characters.');
  });
});
