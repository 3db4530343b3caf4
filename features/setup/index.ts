// The setup feature: what an empty database gets on first start (migrations, demo studies, first admin).
// The server's start-up hook (startup.ts) is imported by instrumentation.ts itself: it is server-only.
export { DEMO_STUDY } from "./demo-studies";
export { prepareDatabase } from "./bootstrap";
