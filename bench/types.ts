export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ratio?: number;
  note?: string;
};
