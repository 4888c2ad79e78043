import type { Dictionary } from '@nss/web-data-access';
import { AGENT_EN } from './agent.en';
import { AGENT_VI } from './agent.vi';

/** The agent pages' dictionary (the agent routes also register the seller dictionary for the reused pages). */
export const AGENT_TEXTS: Dictionary = { vi: AGENT_VI, en: AGENT_EN };
