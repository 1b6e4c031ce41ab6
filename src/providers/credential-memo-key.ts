// The key a fetched credential (an access token, temporary keys) is cached under in the sign
// context's memo. It names everything the credential was obtained with, the secret included (as a
// digest): a deployment configured with the same account but another secret must never be handed
// the token its secret could not have obtained.

import { createHash } from 'node:crypto';

export function credentialMemoKey(kind: string, parts: readonly (string | undefined)[], secret: string): string {
  const digest = createHash('sha256').update(secret).digest('hex').slice(0, 32);
  return [kind, ...parts.map((part) => part ?? ''), digest].join('\n');
}
