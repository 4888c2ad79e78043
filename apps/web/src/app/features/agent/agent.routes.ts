import { Route } from '@angular/router';
import { requireRole } from '@nss/web-data-access';
import { AgentHomePage } from './agent-home.page';

export const AGENT_ROUTES: Route[] = [
  {
    path: '',
    canActivate: [requireRole('agent')],
    children: [{ path: '', title: 'role.agent', component: AgentHomePage }],
  },
];
