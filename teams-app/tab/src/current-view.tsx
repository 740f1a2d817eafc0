import { AccountView } from './account-view.tsx';
import { AuditView } from './audit-view.tsx';
import { CalendarsView } from './calendars-view.tsx';
import { CallsView } from './calls-view.tsx';
import { ContactsView } from './contacts-view.tsx';
import { NowView } from './now-view.tsx';
import { NumbersView } from './numbers-view.tsx';
import { OrganisationView } from './organisation-view.tsx';
import { PrivacyView } from './privacy-view.tsx';
import { RosterView } from './roster-view.tsx';
import type { Route } from './routes.ts';
import { TakeoverView } from './takeover-view.tsx';

/** The view the route names; each view reads its own parameters. */
export const CurrentView = (props: { readonly route: Route }) => {
  const { view, params } = props.route;
  switch (view) {
    case 'now':
      return <NowView />;
    case 'roster':
      return <RosterView params={params} />;
    case 'takeover':
      return <TakeoverView params={params} />;
    case 'contacts':
      return <ContactsView />;
    case 'numbers':
      return <NumbersView />;
    case 'calendars':
      return <CalendarsView />;
    case 'calls':
      return <CallsView />;
    case 'audit':
      return <AuditView />;
    case 'privacy':
      return <PrivacyView />;
    case 'organisation':
      return <OrganisationView />;
    case 'account':
      return <AccountView />;
  }
};
