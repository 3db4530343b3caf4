import { describe, expect, it } from "vitest";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy } from "@/test-utils/fixtures";
import { createLink } from "@/features/crowd/links";
import { annotatorAccess, enrol, unenrol } from "./enrollments";
import { setUserDisabled } from "@/features/users/queries";

describe.each(testTargets())("annotatorAccess on %s", (target) => {
  const db = useTestDb(target);

  it("tells an enabled, enrolled annotator's study and rules apart from not enrolled and disabled or unknown users", async () => {
    const study = await makeStudy(db, {
      slug: "access",
      prompts: 2,
      overlapK: 2,
      quota: 5,
      leaseSeconds: 90,
    });
    const other = await makeStudy(db, { slug: "access-other", prompts: 1 });
    const [u] = await makeAnnotators(db, study.id, 1);
    const link = await createLink(db, { studyId: study.id });
    await unenrol(db, { studyId: study.id, userId: u.id });
    await enrol(db, { studyId: study.id, userId: u.id, linkId: link.id });

    const access = await annotatorAccess(db, { studyId: study.id, userId: u.id });
    expect(access).toEqual({
      kind: "enrolled",
      study: {
        id: study.id,
        title: study.annotatorTitle,
        guidelines: study.guidelines,
        labels: study.verdictLabels,
        scale: null,
        quota: 5,
        completion: { code: link.completionCode, redirectUrl: link.redirectUrl },
        rationaleRequired: false,
        status: "active",
        stoppedGetsCode: false,
        leakPolicy: "serve",
      },
      rules: {
        id: study.id,
        overlapK: 2,
        quota: 5,
        leaseSeconds: 90,
        onePerPrompt: true,
        scaleSize: null,
        rationaleRequired: false,
        checkRate: 0,
        maskLeaks: false,
        repeatRate: 0,
        practiceItems: 0,
        quality: null,
      },
    });
    expect(await annotatorAccess(db, { studyId: other.id, userId: u.id })).toEqual({ kind: "not_enrolled" });
    expect(await annotatorAccess(db, { studyId: 999_999, userId: u.id })).toEqual({ kind: "not_enrolled" });
    expect(
      await annotatorAccess(db, { studyId: study.id, userId: "00000000-0000-4000-8000-000000000000" }),
    ).toEqual({ kind: "no_user" });
    await setUserDisabled(db, { id: u.id, disabled: true });
    expect(await annotatorAccess(db, { studyId: study.id, userId: u.id })).toEqual({ kind: "no_user" });
  });
});
