/** One problem in an import file, located precisely enough to fix by hand. */
export class ImportIssue {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {}
  toString(): string {
    return `${this.file}:${this.line}: ${this.field}: ${this.reason}`;
  }
}

/** Thrown when a file cannot be imported; nothing has been written when it is raised. */
export class ImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map(String).join("\n"));
    this.name = "ImportError";
  }
}

/** Collects issues up to a cap so a badly broken file does not print a million lines. */
export class IssueList {
  readonly issues: ImportIssue[] = [];
  constructor(
    readonly file: string,
    readonly max = 20,
  ) {}
  add(line: number, field: string, reason: string): void {
    if (this.issues.length < this.max) this.issues.push(new ImportIssue(this.file, line, field, reason));
  }
  get full(): boolean {
    return this.issues.length >= this.max;
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ImportError(this.issues);
  }
}
