// `oicp init cpo|emp`: a new project's first minute (written next).
export async function runInit(args: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  void args
  out.stderr('oicp init: not built yet\n')
  return 2
}
