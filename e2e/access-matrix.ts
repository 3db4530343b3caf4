import type { Fixtures } from "./fixtures/data";

/**
 * Who may reach what: every page and route handler of app/ and every server action (app/ or features/), with the expected outcome for each
 * role. e2e/access.spec.ts checks each cell against the running app; access-matrix.unit.test.ts fails when a
 * page, route or action exists in app/ but not here.
 */
export type Role = "anonymous" | "annotator" | "researcher" | "admin";
export type Expect = Record<Role, number>;

const all = (status: number): Expect => ({
  anonymous: status,
  annotator: status,
  researcher: status,
  admin: status,
});
// Anonymous visitors to protected pages are redirected (307) to sign-in by the proxy.
const signedIn = (annotator: number, researcher: number, admin: number): Expect => ({
  anonymous: 307,
  annotator,
  researcher,
  admin,
});

export type HttpEntry = {
  route: string;
  method: "GET" | "POST";
  path: (fx: Fixtures) => string;
  body?: unknown;
  expect: Expect;
};

export const pages: HttpEntry[] = [
  { route: "/", method: "GET", path: () => "/", expect: signedIn(200, 200, 200) },
  {
    route: "/signin",
    method: "GET",
    path: () => "/signin",
    expect: { anonymous: 200, annotator: 307, researcher: 307, admin: 307 },
  },
  { route: "/admin/users", method: "GET", path: () => "/admin/users", expect: signedIn(403, 403, 200) },
  {
    route: "/studies/[slug]",
    method: "GET",
    path: () => "/studies/lima-demo",
    expect: signedIn(403, 200, 200),
  },
  {
    route: "/studies/[slug]/results",
    method: "GET",
    path: () => "/studies/lima-demo/results",
    expect: signedIn(403, 200, 200),
  },
  {
    route: "/studies/[slug]/adjudicate",
    method: "GET",
    path: () => "/studies/lima-demo/adjudicate",
    expect: signedIn(403, 200, 200),
  },
  // Only enrolled users may annotate; the e2e annotator is enrolled in the blind study, the others are not.
  {
    route: "/annotate/[studyId]",
    method: "GET",
    path: (fx) => `/annotate/${fx.blindId}`,
    expect: signedIn(200, 404, 404),
  },
  { route: "/studies/new", method: "GET", path: () => "/studies/new", expect: signedIn(403, 200, 200) },
  { route: "/settings", method: "GET", path: () => "/settings", expect: signedIn(403, 200, 200) },
  {
    route: "/studies/[slug]/items",
    method: "GET",
    path: () => "/studies/lima-demo/items?q=a",
    expect: signedIn(403, 200, 200),
  },
  {
    route: "/studies/[slug]/items/[id]",
    method: "GET",
    path: (fx) => `/studies/lima-demo/items/${fx.demoItemId}`,
    expect: signedIn(403, 200, 200),
  },
  { route: "/join-error", method: "GET", path: () => "/join-error", expect: all(200) },
  {
    route: "/join/[token]/confirm",
    method: "GET",
    path: (fx) => `/join/${fx.linkToken}/confirm?PROLIFIC_PID=x`,
    expect: all(200),
  },
];

export const routes: HttpEntry[] = [
  { route: "/api/auth/[...nextauth]", method: "GET", path: () => "/api/auth/session", expect: all(200) },
  { route: "/api/health", method: "GET", path: () => "/api/health", expect: all(200) },
  {
    route: "/join/[token]",
    method: "GET",
    path: () => "/join/no-such-token?PROLIFIC_PID=x",
    expect: all(303),
  },
  {
    route: "/join/[token]",
    method: "POST",
    path: () => "/join/no-such-token?PROLIFIC_PID=x",
    // No Origin header: refused as a cross-site request before anything else.
    expect: all(403),
  },
  {
    route: "/api/annotate/[studyId]/state",
    method: "GET",
    path: (fx) => `/api/annotate/${fx.blindId}/state`,
    expect: { anonymous: 401, annotator: 200, researcher: 404, admin: 404 },
  },
  {
    route: "/api/annotate/[studyId]/judgments",
    method: "POST",
    path: (fx) => `/api/annotate/${fx.blindId}/judgments`,
    body: { token: "not-a-token" },
    expect: { anonymous: 401, annotator: 400, researcher: 404, admin: 404 },
  },
  {
    route: "/api/annotate/[studyId]/pass",
    method: "POST",
    path: (fx) => `/api/annotate/${fx.blindId}/pass`,
    body: {},
    expect: { anonymous: 401, annotator: 400, researcher: 404, admin: 404 },
  },
  {
    route: "/api/studies/[slug]/export",
    method: "GET",
    path: () => "/api/studies/e2e-xss/export?format=csv",
    expect: { anonymous: 401, annotator: 403, researcher: 200, admin: 200 },
  },
  // Uploads from the browser: a researcher without a file gets the import's own 422.
  {
    route: "/api/studies/[slug]/items",
    method: "POST",
    path: () => "/api/studies/e2e-xss/items",
    expect: { anonymous: 401, annotator: 403, researcher: 422, admin: 422 },
  },
  {
    route: "/api/studies/[slug]/judgments",
    method: "POST",
    path: () => "/api/studies/e2e-xss/judgments",
    expect: { anonymous: 401, annotator: 403, researcher: 422, admin: 422 },
  },
  {
    route: "/api/studies/[slug]/gold",
    method: "POST",
    path: () => "/api/studies/e2e-xss/gold",
    expect: { anonymous: 401, annotator: 403, researcher: 422, admin: 422 },
  },
  {
    route: "/api/studies/[slug]/workers",
    method: "GET",
    path: () => "/api/studies/lima-demo/workers",
    expect: { anonymous: 401, annotator: 403, researcher: 403, admin: 200 },
  },
  // The scripting API takes bearer tokens only: a session cookie gets 401 whatever the role.
  { route: "/api/v1/studies", method: "POST", path: () => "/api/v1/studies", expect: all(401) },
  {
    route: "/api/v1/studies/[slug]/items",
    method: "POST",
    path: () => "/api/v1/studies/lima-demo/items",
    expect: all(401),
  },
  {
    route: "/api/v1/studies/[slug]/judgments",
    method: "GET",
    path: () => "/api/v1/studies/lima-demo/judgments",
    expect: all(401),
  },
  {
    route: "/api/v1/studies/[slug]/judgments",
    method: "POST",
    path: () => "/api/v1/studies/lima-demo/judgments",
    expect: all(401),
  },
  {
    route: "/api/v1/studies/[slug]/stats",
    method: "GET",
    path: () => "/api/v1/studies/lima-demo/stats",
    expect: all(401),
  },
  { route: "/api/v1/openapi.json", method: "GET", path: () => "/api/v1/openapi.json", expect: all(200) },
];

/** Server actions by file and export; `role: null` is public. `page` is where the action is posted. */
export type ActionEntry = {
  file: string;
  name: string;
  role: "annotator" | "researcher" | "admin" | null;
  page: string;
};

export const actions: ActionEntry[] = [
  { file: "features/users/sign-out-action.ts", name: "signOutAction", role: null, page: "/" },
  { file: "features/users/sign-in-action.ts", name: "signInAction", role: null, page: "/signin" },
  { file: "features/users/actions.ts", name: "createUserAction", role: "admin", page: "/admin/users" },
  { file: "features/users/actions.ts", name: "setDisabledAction", role: "admin", page: "/admin/users" },
  { file: "features/users/actions.ts", name: "resetPasswordAction", role: "admin", page: "/admin/users" },
  { file: "features/users/actions.ts", name: "setGroupAction", role: "admin", page: "/admin/users" },
  { file: "features/users/actions.ts", name: "enrolAction", role: "admin", page: "/admin/users" },
  { file: "features/users/actions.ts", name: "unenrolAction", role: "admin", page: "/admin/users" },
  {
    file: "features/studies/actions.ts",
    name: "updateSettingsAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  { file: "features/crowd/actions.ts", name: "createLinkAction", role: "admin", page: "/studies/lima-demo" },
  { file: "features/crowd/actions.ts", name: "revokeLinkAction", role: "admin", page: "/studies/lima-demo" },
  {
    file: "features/judges/actions.ts",
    name: "startJudgeRunAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/judges/actions.ts",
    name: "cancelJudgeRunAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  { file: "features/users/actions.ts", name: "createTokenAction", role: "researcher", page: "/settings" },
  { file: "features/users/actions.ts", name: "revokeTokenAction", role: "researcher", page: "/settings" },
  {
    file: "features/studies/actions.ts",
    name: "previewGuidelinesAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "archiveStudyAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "deleteStudyAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "excludeAnnotatorAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "resolveFlagAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "itemExclusionAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "excludeStoppedAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
  {
    file: "features/studies/actions.ts",
    name: "generateAttentionAction",
    role: "researcher",
    page: "/studies/lima-demo",
  },
];
