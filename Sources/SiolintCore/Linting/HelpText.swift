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
      -f, --format FORMAT                   text (default), concise, json, sarif, github, gitlab, checkstyle
      -o, --output FILE                     write the report to FILE instead of standard output
      --sarif-output FILE                   also write SARIF to FILE (e.g. text to the log + SARIF for upload)
      --color auto|always|never             default auto (off when piped, or NO_COLOR is set)
      --no-color                            same as --color never
      --include-suppressed                  also show suppressed findings, marked (json: "suppressed",
                                            sarif: suppressions with the reason)
      --timings                             after the report, the time each stage took per input
                                            (read, parse, check, model, route, each rule) on stderr

    CHOOSING WHAT FAILS
      --fail-on error|warning|info|none     lowest level that makes the exit status 1 (default info)
      --exit-zero                           exit 0 even with findings (2 still means siolint could not lint)
      --severity error|warning|info         lowest level reported at all (default info)
      --select ID[,ID]                      report only these rules (SIO000 stays unless ignored)
      --ignore ID[,ID]                      do not report these rules
      --level ID=LEVEL                      report a rule at another level, e.g. --level SIO103=error
      --no-inline-suppressions              ignore `# siolint disable…` comments

    SUPPRESSIONS (in the linted file)
      # siolint disable=SIO401,SIO101 -- reason     own line: the next directive or block
      proxy_read_timeout 20s;  # siolint disable=SIO101 -- reason   (nginx, HAProxy; not Apache)
      # siolint disable-file=SIO202 -- reason       the whole file

    CONFIGURATION FILE
      .siolint.json, the nearest one walking up from each linted file to the repository root, else
      $XDG_CONFIG_HOME/siolint/config.json (~/.config/siolint/config.json); flags override it:
        {"socketio": {"pingInterval": "25s", "pingTimeout": "20s", "path": "/socket.io/",
                      "maxHttpBufferSize": 1000000, "transports": ["polling", "websocket"]},
         "versions": {"nginx": "1.24.0"}, "dialect": "nginx",
         "rules": {"ignore": ["SIO202"], "levels": {"SIO103": "error"}}, "failOn": "warning",
         "includePaths": {"/etc/nginx/": "deploy/nginx/"}}
      --config FILE                         use FILE for every input
      --no-config                           use no configuration file

    EXIT STATUS (the same for every format)
      0  no findings at or above --fail-on (suppressed findings never count)
      1  findings (a syntax error in a linted file is a finding)
      2  usage error, unknown rule id, invalid configuration file, unreadable input, cannot write output

    Rules: `siolint rules`; details: `siolint explain ID`.
    """
}
