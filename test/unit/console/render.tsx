import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { createConsoleApi } from '../../../src/ui/console/api';
import type { Campaign, Person } from '../../../src/ui/console/api-types';
import { ConsoleContext, type ConsoleServices } from '../../../src/ui/console/context';
import type { CampaignKey } from '../../../src/ui/console/findings/keyring';
import { LangContext, type Lang } from '../../../src/ui/i18n';
import { ADMIN, CAMPAIGN, fakeServer, type Handler } from './fake-server';

/** Renders one console page inside its context, with the API over a fake server. */
export function renderPage(
  page: ComponentChildren,
  routes: Record<string, Handler>,
  opts: { me?: Person; campaign?: Campaign; lang?: Lang; onSessionLost?: () => void; campaignKey?: CampaignKey } = {},
) {
  const server = fakeServer(routes);
  const campaign = opts.campaign ?? CAMPAIGN;
  const services: ConsoleServices = {
    api: createConsoleApi(server.fetch),
    me: opts.me ?? ADMIN,
    campaigns: [campaign],
    campaign,
    sessionLost: opts.onSessionLost ?? (() => {}),
    campaignKey: opts.campaignKey ?? null,
  };
  const view = render(
    <LangContext.Provider value={opts.lang ?? 'zh-Hans'}>
      <ConsoleContext.Provider value={services}>{page}</ConsoleContext.Provider>
    </LangContext.Provider>,
  );
  return { server, view };
}
