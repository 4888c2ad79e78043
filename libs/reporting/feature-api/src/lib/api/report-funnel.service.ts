import { Injectable } from '@nestjs/common';
import { UsersService } from '@nss/accounts-api';
import * as adminUnits from '@nss/admin-units';
import type { ReportFunnelDto, ReportFunnelQuery } from '@nss/contracts';
import { FUNNEL_STEPS, communeRowName, funnelBy, lastStepPassed, stuckAt, summariseFunnel, vnDay, type HouseholdProgress } from '@nss/report-figures';
import type { Actor } from '@nss/server-core';
import type { ReportHousehold } from '../store/report-household.schema';
import { ReportHouseholdsRepository } from '../store/report-households.repository';
import { checkCommune, reportTarget } from './report-access';

/** The longest list of stuck households one answer carries (the oldest waits first). */
export const MAX_STUCK = 500;

function progressOf(h: ReportHousehold): HouseholdProgress {
  return { key: h.householdKey, communeKey: h.communeKey, agentUserId: h.agentUserId, at: h.at };
}

/** An agent's row: the agent's full name (an account since removed keeps its id), or the households no agent brought. */
function agentRowName(key: string, names: ReadonlyMap<string, string>): { vi: string; en: string } {
  if (!key) return { vi: 'Không qua tổ công nghệ số', en: 'No agent' };
  const name = names.get(key);
  return name ? { vi: name, en: name } : { vi: `Tài khoản ${key}`, en: `Account ${key}` };
}

/**
 * The onboarding funnel from reporting's own projection of training and seller events: per commune or per agent,
 * conversion rates, the median time to a first sale, and the households stuck at each step. Names and phones go only
 * to the province's own staff (an admin sees the counts and the keys).
 */
@Injectable()
export class ReportFunnelService {
  constructor(
    private readonly households: ReportHouseholdsRepository,
    private readonly users: UsersService,
  ) {}

  async funnel(actor: Actor, query: ReportFunnelQuery): Promise<ReportFunnelDto> {
    const target = reportTarget(actor, query.province, { provinceRequired: true });
    const provinceCode = target.provinceCode as string;
    const commune = checkCommune(provinceCode, query.commune);
    const docs = await this.households.list(target.scope, { provinceCode, ...(commune ? { communeKey: commune } : {}) });
    const progress = docs.map(progressOf);
    const summary = summariseFunnel(progress);
    const byRows = funnelBy(progress, query.by);
    const agentNames = query.by === 'agent' ? await this.users.fullNames(byRows.flatMap((row) => (row.key ? [row.key] : []))) : new Map<string, string>();
    const rows = byRows.map((row) => ({
      ...row,
      name: query.by === 'commune' ? communeRowName(row.key, adminUnits) : agentRowName(row.key, agentNames),
    }));
    const stuck = docs
      .flatMap((h) => {
        const step = stuckAt(progressOf(h));
        const passed = lastStepPassed(progressOf(h));
        const since = passed ? h.at[passed] : undefined;
        if (!step || !since) return [];
        return [
          {
            householdKey: h.householdKey,
            communeKey: h.communeKey,
            communeName: communeRowName(h.communeKey, adminUnits),
            step,
            since: vnDay(new Date(since)),
            ...(target.ownStaff && h.name ? { name: h.name } : {}),
            ...(target.ownStaff && h.phone ? { phone: h.phone } : {}),
          },
        ];
      })
      .sort((a, b) => a.since.localeCompare(b.since) || FUNNEL_STEPS.indexOf(a.step) - FUNNEL_STEPS.indexOf(b.step))
      .slice(0, MAX_STUCK);
    return { provinceCode, by: query.by, ...summary, rows, stuck };
  }
}
