// Who may call the sandbox. The demo credentials are public on purpose: the sandbox listens on
// loopback only, and they are not Signere.no credentials.

export interface SandboxAccount {
  /** API-ID, a lowercase GUID. */
  apiId: string;
  primaryKey: string;
  secondaryKey: string;
  /** Subscriptions the account has; without "SignereID" the sandbox answers 403. Default ["SignereID"]. */
  subscriptions?: string[];
}

export const DEMO_ACCOUNT: SandboxAccount = {
  apiId: "de0de0de-0000-4000-8000-000000000001",
  primaryKey: "demo-primary-key",
  secondaryKey: "demo-secondary-key",
};
