import { createInterface } from 'node:readline';

/** Reads a password: all of standard input when it is piped (scripts), else a prompt that does not echo. */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const writeOriginal = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  let prompted = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!prompted) {
      prompted = true;
      writeOriginal.call(rl, s);
    }
  };
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}
