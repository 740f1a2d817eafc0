import { z } from 'zod';

export const passwordMinLength = 12;
export const passwordMaxLength = 1024;

/** What is wrong with a new password, in words for the person choosing it; undefined when it is fine. */
export const passwordPolicyProblem = (password: string): string | undefined => {
  // Code points, not UTF-16 units: "12 characters" should mean what a person counts.
  const length = [...password].length;
  if (length < passwordMinLength) return `Use a password of at least ${passwordMinLength} characters.`;
  if (length > passwordMaxLength) return `Use a password of at most ${passwordMaxLength} characters.`;
  if (password.trim() === '') return 'A password cannot consist of spaces only.';
  return undefined;
};

/** For request bodies that set a password (signup, invitation, change). */
export const newPasswordSchema = z.string().superRefine((password, context) => {
  const problem = passwordPolicyProblem(password);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
