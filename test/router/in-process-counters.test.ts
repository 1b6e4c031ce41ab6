import { createInProcessCounters } from '../../src/router/in-process-counters.js';
import { describeDeploymentCounters } from './deployment-counters-contract.js';

describeDeploymentCounters('in-process', createInProcessCounters);
