// The provider contract for Amazon Bedrock over fixtures in its own wire format: Converse and
// InvokeModel bodies, `x-amzn-errortype` errors, and binary ConverseStream event streams.

import { getProvider } from '../../src/providers/registry.js';
import { providerContract } from './provider-contract.js';

const bedrock = getProvider('bedrock');
if (bedrock === undefined) throw new Error('The bedrock adapter is missing from the registry.');
providerContract({ adapter: bedrock, fixtureDirs: ['bedrock'] });
