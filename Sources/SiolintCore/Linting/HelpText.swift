/// The text of `siolint --help`.
public enum HelpText {
    public static let version = "0.1.0"
    /// The project's home page (SARIF `informationUri`; rule pages live below it).
    public static let homepage = "https://github.com/siolint/siolint"

    public static let usage = """
    siolint \(version): lint reverse-proxy configs (nginx, Apache httpd, HAProxy) in front of Socket.IO.

    It reads the proxy's config, routes Socket.IO's own requests through it (the polling GET and POST
    and the WebSocket upgrade) the way the server would, and reports what breaks: idle timeouts shorter
    than the heartbeat, the upgrade not forwarded, the /socket.io/ path rewritten, several backends
    without sticky sessions, body limits below maxHttpBufferSize.

    USAGE
      siolint [OPTIONS] PATH...          lint files or directories (- reads standard input)
      siolint trace [OPTIONS] PATH       show each probe's route and every value with its origin
      siolint rules [--format json]      list the rules
      siolint explain SIO101             explain a rule: what breaks, why, the fix per server

    EXAMPLES
      siolint /etc/nginx/nginx.conf
      nginx -T | siolint -                        # a dump maps findings back to each file
      siolint --ping-interval 10s --ping-timeout 5s deploy/nginx/site.conf
      siolint --transports websocket --format json conf/
      siolint trace Samples/nginx/canonical.conf

    INPUT
      --dialect auto|nginx|apache|haproxy   server the config is for (auto: by name, then content)
      --stdin-filename NAME                 name for standard input in reports and detection
      --prefix DIR                          nginx: resolve relative includes against DIR
                                            (default: the main file's directory, as nginx does)
      --context main|http|server|location   nginx: the context of a fragment (default: inferred;
                                            or write `# siolint: context=server` in the file)
      --server-root DIR                     Apache: ServerRoot for relative Include paths
      --apache-modules LIST                 Apache: modules assumed loaded, comma-separated
      -D, --define NAME[=VALUE]             Apache <IfDefine> / HAProxy .if defined() names

    SOCKET.IO SERVER SETTINGS (durations: 25s, 1500ms, 1m, or bare milliseconds)
      --ping-interval DURATION              default 25s
      --ping-timeout DURATION               default 20s
      --path PATH                           default /socket.io/
      --max-http-buffer-size BYTES          default 1000000 (1e6)
      --transports polling,websocket        websocket alone turns off the polling checks

    TARGET SERVER VERSIONS (unknown when not given; rules that depend on them say so)
      --nginx-version X.Y.Z   --apache-version X.Y.Z   --haproxy-version X.Y

    OUTPUT
      -f, --format text|json                default text (compiler-style, with source excerpts)
      --color auto|always|never             default auto (off when piped, or NO_COLOR is set)
      --no-color                            same as --color never
      --fail-on error|warning|info|none     lowest level that makes the exit status 1 (default info)

    EXIT STATUS
      0  no findings at or above --fail-on
      1  findings (a syntax error in a linted file is a finding)
      2  usage error, unreadable input, or internal error

    Rules: `siolint rules`; details: `siolint explain ID`.
    """
}
