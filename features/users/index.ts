// The users feature's public face for other features, the CLI and the demo seed (no server-only code here).
export {
  countAdmins,
  createUser,
  endSessions,
  claimWorker,
  findOrCreateWorker,
  findWorker,
  workersCreatedFrom,
  listUsers,
  userSearchSchema,
} from "./queries";
export { emailSchema } from "./schemas";
export { clientAddress } from "./client-address";
export { createTicket } from "./ticket";
export {
  addUser,
  enrolUser,
  setPassword,
  setUserGroup,
  addUserSchema,
  enrolUserSchema,
  setPasswordSchema,
  setGroupSchema,
  unlockSchema,
  unlockSignIn,
} from "./manage";
export { createApiToken, createTokenSchema, revokeApiToken, tokensOf } from "./tokens";
