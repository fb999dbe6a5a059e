// A small cookie-keeping HTTP client for tests that talk to a real running app (no browser).
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: "manual",
      headers: { Cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { origin?: string | null; headers?: Record<string, string> } = {},
  ) {
    const origin = options.origin === undefined ? new URL(this.baseUrl).origin : options.origin;
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: this.cookieHeader(),
        ...(origin ? { Origin: origin } : {}),
        ...options.headers,
      },
      // A list is sent as repeated fields (checkboxes).
      body: new URLSearchParams(
        Object.entries(fields).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((v) => [name, v]),
        ),
      ).toString(),
    });
    this.remember(response);
    return response;
  }

  /** A multipart form (files included), as a browser sends a form with `enctype="multipart/form-data"`. */
  async postMultipart(path: string, form: FormData) {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: this.cookieHeader(), Origin: new URL(this.baseUrl).origin },
      body: form,
    });
    this.remember(response);
    return response;
  }

  /** A new client on `baseUrl`, signed in as `user`. */
  static async signedIn(baseUrl: string, user: { email: string; password: string }): Promise<HttpClient> {
    const client = new HttpClient(baseUrl);
    await client.signIn(user.email, user.password);
    return client;
  }

  async signIn(email: string, password: string) {
    const response = await this.post("/connexion", { email, password });
    if (response.status !== 302) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
    return response;
  }
}
