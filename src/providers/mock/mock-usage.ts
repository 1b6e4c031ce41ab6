// The usage block and timestamp the mock provider reports, shaped like OpenAI's current answers.
// `created` is fixed so that identical requests get byte-identical answers.

import type { Usage } from '../../wire/openai/types.js';

/** 2023-11-14T22:13:20Z: a fixed `created` instead of the clock keeps answers reproducible. */
export const mockCreatedS = 1_700_000_000;

export function mockUsage(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
