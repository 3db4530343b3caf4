import { createApiToken, createTokenSchema } from "@/features/users";
import { defineCommand } from "../command";

export const tokenCommands = [
  defineCommand({
    name: "tokens create",
    summary:
      "Create a personal access token for the API (researchers and admins); printed once, on the last line.",
    options: {
      email: { type: "string", help: "the owner's email" },
      name: { type: "string", help: "a name to tell the token apart (default: script)" },
    },
    schema: createTokenSchema,
    run: async (db, input) => {
      const { token } = await createApiToken(db, input);
      console.log(`created token "${input.name}" for ${input.email}; it is shown this once:`);
      console.log(token);
    },
  }),
];
