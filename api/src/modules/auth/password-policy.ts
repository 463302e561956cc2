import { DomainError } from '../../errors';

/** Longest password accepted anywhere (argon2 itself takes more; this bounds the work per request). */
export const MAX_PASSWORD_LENGTH = 200;
/** PASSWORD_MIN_LENGTH's default. */
export const DEFAULT_PASSWORD_MIN_LENGTH = 12;

/**
 * Passwords people pick first, lower-cased — a small built-in list (as 等保 asks for "no weak
 * passwords"); together with the keyboard/sequence check below it refuses the obvious ones.
 */
const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'iloveyou', 'iloveyou1314', 'woaini', 'woaini1314', 'woaini520', '5201314', '1314520', 'aini1314',
  'qwerty', 'qwerty123', 'qwertyuiop', 'qwertyuiop123', 'qwe123', 'qweasdzxc', 'qazwsx', 'qazwsxedc', '1qaz2wsx', '1qaz2wsx3edc', '1q2w3e4r', '1q2w3e4r5t6y',
  'asdfghjkl', 'zxcvbnm', 'abc123', 'abcd1234', 'abc123456', 'a123456', 'a1234567', 'a12345678', 'a123456789', 'aa123456', 'aa12345678',
  'admin', 'admin123', 'admin1234', 'admin12345', 'admin@123', 'administrator', 'root', 'root123', 'root1234', 'toor',
  'welcome', 'welcome1', 'welcome123', 'letmein', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman',
  'trustno1', 'shadow', 'michael', 'jennifer', 'whatever', 'starwars', 'computer', 'internet', 'changeme', 'default', 'secret', 'test', 'test123', 'test1234',
  'zhang123', 'wang123456', 'li123456', 'huawei', 'huawei123', 'xiaomi', 'baidu', 'tencent', 'taobao',
  'zhongguo', 'china', 'china123', 'beijing', 'shanghai', 'zxcvbnm123', 'qq123456', 'qq1234567', 'wocaonima',
  'shuoshiting', 'fazhishuoshiting', 'changsheng', 'changsheng-demo',
]);

/** Runs of the keyboard, the alphabet or the digits (forwards or backwards) are as weak as a word. */
const SEQUENCES = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p'];

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'CONTAINS_USERNAME' | 'TOO_COMMON';

/** Why a password may not be set, or null when it may. Pure: used by the api and its tests. */
export function passwordProblem(password: string, username: string, minLength: number): PasswordProblem | null {
  if ([...password].length < minLength) return 'TOO_SHORT';
  if (password.length > MAX_PASSWORD_LENGTH) return 'TOO_LONG';
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return 'CONTAINS_USERNAME';
  if (isCommon(lower)) return 'TOO_COMMON';
  return null;
}

function isCommon(lower: string): boolean {
  // "password123!", "admin@2026": a common word with digits and symbols around it.
  const core = lower.replace(/^[^a-z\u4e00-\u9fff]+|[^a-z\u4e00-\u9fff]+$/g, '');
  if (COMMON.has(lower) || (core.length >= 4 && COMMON.has(core))) return true;
  // One character repeated, or two alternating ("aaaaaaaaaaaa", "abababababab").
  if (new Set(lower).size <= 2) return true;
  for (const seq of SEQUENCES) {
    const reversed = [...seq].reverse().join('');
    if (seq.includes(lower) || reversed.includes(lower)) return true;
  }
  return false;
}

const MESSAGES: Record<PasswordProblem, (min: number) => string> = {
  TOO_SHORT: (min) => `password must be at least ${min} characters`,
  TOO_LONG: () => `password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  CONTAINS_USERNAME: () => 'password must not contain the username',
  TOO_COMMON: () => 'password is too common or too simple; choose a longer, less predictable one',
};

/**
 * The password policy, wherever a password is set (admin create/reset, change my password,
 * create-admin). BAD_USER_INPUT with `field` and `reason` so the console can say which rule.
 */
export function assertPasswordAcceptable(password: string, username: string, minLength: number, field = 'password'): void {
  const problem = passwordProblem(password, username, minLength);
  if (problem) throw new DomainError('BAD_USER_INPUT', MESSAGES[problem](minLength), { field, reason: problem });
}
