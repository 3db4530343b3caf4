import { handlers } from "@/features/users/auth";

export const { GET, POST } = handlers;
