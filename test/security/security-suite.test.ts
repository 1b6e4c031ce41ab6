// The security suite: one module per attack family, run in one process so that the final line
// can count every attack tried. Each test is named after the attack it tries and passes when the
// attack failed safe.

import { after } from 'node:test';
import { attackSummary } from './attack-ledger.js';
import { bodySmugglingAttacks } from './body-smuggling.attacks.js';
import { corsAttacks } from './cors.attacks.js';
import { credentialForgeryAttacks } from './credential-forgery.attacks.js';
import { edgeMisconfigurationAttacks } from './edge-misconfiguration.attacks.js';
import { headerAbuseAttacks } from './header-abuse.attacks.js';
import { hostileJsonAttacks } from './hostile-json.attacks.js';
import { ipAllowlistAttacks } from './ip-allowlists.attacks.js';
import { pathTrickAttacks } from './path-tricks.attacks.js';
import { slowClientAttacks } from './slow-clients.attacks.js';
import { tlsAttacks } from './tls.attacks.js';
import { xffSpoofingAttacks } from './xff-spoofing.attacks.js';

bodySmugglingAttacks();
ipAllowlistAttacks();
xffSpoofingAttacks();
headerAbuseAttacks();
credentialForgeryAttacks();
pathTrickAttacks();
slowClientAttacks();
hostileJsonAttacks();
corsAttacks();
edgeMisconfigurationAttacks();
await tlsAttacks();

after(() => {
  const summary = attackSummary();
  if (summary !== undefined) console.log(summary);
});
