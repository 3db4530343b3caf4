"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/platform/db";
import { enrol, unenrol } from "@/features/annotation/queries/enrollments";
import { createUser, resetPassword, setUserDisabled, UserExistsError } from "@/features/users/queries";
import { action } from "@/platform/http/action";
import { createUserFormSchema, enrolFormSchema, setDisabledFormSchema, userIdFormSchema } from "@/features/users/forms";

export const createUserAction = action("admin", createUserFormSchema, async (input) => {
  const db = await getDb();
  try {
    const { user, password } = await createUser(db, input);
    revalidatePath("/admin/users");
    return { message: input.password ? `Created ${user.email}.` : `Created ${user.email} with password ${password} (shown once).` };
  } catch (err) {
    if (err instanceof UserExistsError) return { message: err.message };
    throw err;
  }
});

export const setDisabledAction = action("admin", setDisabledFormSchema, async (input, user) => {
  if (input.userId === user!.id) return { message: "You cannot disable yourself." };
  await setUserDisabled(await getDb(), { id: input.userId, disabled: input.disabled });
  revalidatePath("/admin/users");
  return { message: input.disabled ? "Disabled." : "Enabled." };
});

export const resetPasswordAction = action("admin", userIdFormSchema, async (input) => {
  const password = await resetPassword(await getDb(), { id: input.userId });
  return { message: `New password: ${password} (shown once).` };
});

export const enrolAction = action("admin", enrolFormSchema, async (input) => {
  await enrol(await getDb(), { studyId: input.studyId, userId: input.userId });
  revalidatePath("/admin/users");
  return { message: "Enrolled." };
});

export const unenrolAction = action("admin", enrolFormSchema, async (input) => {
  await unenrol(await getDb(), { studyId: input.studyId, userId: input.userId });
  revalidatePath("/admin/users");
  return { message: "Removed from the study." };
});
