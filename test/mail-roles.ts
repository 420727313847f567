// The mail roles' passwords in the test server. Roles belong to the whole PostgreSQL server, so
// every test file shares them; global-setup sets them once.
export const TEST_MAIL_PASSWORDS = {
  mail_auth: "test-mail-auth-password",
  mail_mta: "test-mail-mta-password",
  mail_policy: "test-mail-policy-password",
  mail_events: "test-mail-events-password",
} as const;
