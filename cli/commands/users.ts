import {
  addUser,
  addUserSchema,
  enrolUser,
  enrolUserSchema,
  setGroupSchema,
  setPassword,
  setPasswordSchema,
  setUserGroup,
  unlockSchema,
  unlockSignIn,
} from "@/features/users";
import { defineCommand } from "../command";

const user = { type: "string", key: "user", help: "the user's email" } as const;

export const userCommands = [
  defineCommand({
    name: "users add",
    summary: "Create a password user (password generated and printed once unless given).",
    options: {
      email: { type: "string", help: "email, the sign-in name" },
      role: { type: "string", help: "admin | researcher | annotator" },
      password: { type: "string", help: "at least 10 characters (default: generated)" },
      name: { type: "string", help: "display name" },
      group: { type: "string", help: "annotator group, for filtering results" },
      study: { type: "string", help: "enrol in this study (slug)" },
    },
    schema: addUserSchema,
    run: async (db, input) => {
      const { user, password, generated } = await addUser(db, input);
      console.log(
        `created ${user.role} ${user.email}${generated ? ` with password ${password}` : ""}` +
          (input.study ? `, enrolled in "${input.study}"` : ""),
      );
    },
  }),
  defineCommand({
    name: "users set-password",
    summary: "Set a user's password (generated and printed once unless given).",
    options: {
      email: user,
      password: { type: "string", help: "at least 10 characters (default: generated)" },
    },
    schema: setPasswordSchema,
    run: async (db, input) => {
      const { user, password } = await setPassword(db, input);
      console.log(`password of ${user.email} set${input.password ? "" : `: ${password}`}`);
    },
  }),
  defineCommand({
    name: "users enrol",
    summary: "Enrol a user in a study, so it appears on their home page.",
    options: { email: user, study: { type: "string", help: "the study's slug" } },
    schema: enrolUserSchema,
    run: async (db, input) => {
      const { user } = await enrolUser(db, input);
      console.log(`enrolled ${user.email} in "${input.study}"`);
    },
  }),
  defineCommand({
    name: "users set",
    summary: "Change a user's annotator group (an empty value removes it).",
    options: { email: user, group: { type: "string", help: "the group, e.g. authors or crowd" } },
    schema: setGroupSchema,
    run: async (db, input) => {
      const updated = await setUserGroup(db, input);
      console.log(`${updated.email}: group ${updated.group ?? "none"}`);
    },
  }),
  defineCommand({
    name: "users unlock",
    summary: "Lift a sign-in lockout (10 failures in 15 minutes) for an email at once.",
    options: { email: { type: "string", help: "the locked email" } },
    schema: unlockSchema,
    run: async (db, input) => {
      const n = await unlockSignIn(db, input);
      console.log(`${input.email}: ${n} recorded failure${n === 1 ? "" : "s"} cleared, sign-in open again`);
    },
  }),
];
