// The security suite: one module per attack family, run in one process so that the final line
// can count every attack tried. Each test is named after the attack it tries and passes when the
// attack failed safe.

import { after } from 'node:test';
import { attackSummary } from './attack-ledger.js';
import { bodySmugglingAttacks } from './body-smuggling.attacks.js';
import { ipAllowlistAttacks } from './ip-allowlists.attacks.js';
import { xffSpoofingAttacks } from './xff-spoofing.attacks.js';

bodySmugglingAttacks();
ipAllowlistAttacks();
xffSpoofingAttacks();

after(() => {
  const summary = attackSummary();
  if (summary !== undefined) console.log(summary);
});
