package dev.provision.run;

import dev.provision.connection.ConnectionSpec;
import dev.provision.playbook.Reach;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a host's inventory variables into a {@link ConnectionSpec}, with Ansible's names and
 * defaults: {@code ansible_host} (else the inventory name), {@code ansible_port} (22),
 * {@code ansible_user} (else the current user), {@code ansible_ssh_private_key_file},
 * {@code ansible_connection} ({@code ssh} or {@code local}; {@code localhost} without one is
 * local, as in Ansible), {@code ansible_ssh_known_hosts_file} (or {@code ansible_known_hosts_file}).
 */
public final class ConnectionSpecs {

  private final boolean acceptNewHostKeys;
  private final Duration connectTimeout;
  private final ConnectionSpec.SudoPassword sudoPassword;
  private final Defaults defaults;

  /**
   * What ansible-playbook's {@code -u}, {@code --private-key} and {@code -c} give: the lowest precedence,
   * used only where no variable or keyword says otherwise. Each may be null. A {@code -c} Provision
   * cannot reach hosts with is refused here, the one place it is checked, before any host is tried.
   */
  public record Defaults(String user, Path privateKey, String connection, boolean become, String becomeUser,
      String becomeMethod) {
    public static final Defaults NONE = new Defaults(null, null, null);

    /**
     * ansible-playbook's {@code -b}, {@code --become-user} and {@code --become-method}: used where no
     * {@code become} keyword and no {@code ansible_become} variable says, and where no keyword or
     * variable names the user or the method. As in Ansible, {@code --become-user} alone does not turn
     * {@code become} on.
     */
    public Defaults {
      if (connection != null && Reach.type(connection) == null) {
        throw new IllegalArgumentException("-c " + connection + " is not supported yet: use ssh or local");
      }
      if (becomeMethod != null
          && !dev.provision.connection.Become.METHODS.contains(becomeMethod.replaceFirst("^ansible\\.builtin\\.", ""))) {
        throw new IllegalArgumentException("--become-method " + becomeMethod + " is not supported yet: use sudo or su");
      }
    }

    public Defaults(String user, Path privateKey, String connection) {
      this(user, privateKey, connection, false, null, null);
    }

    /** The user and method the command line gives, as become keywords (null where it gives none). */
    public dev.provision.playbook.BecomeAs becomeAs() {
      return new dev.provision.playbook.BecomeAs(becomeUser, becomeMethod, null, null);
    }
  }

  /** The command line's defaults ({@code -u}, {@code -b}...). */
  public Defaults commandLine() {
    return defaults;
  }

  public ConnectionSpecs(boolean acceptNewHostKeys, Duration connectTimeout, ConnectionSpec.SudoPassword sudoPassword) {
    this(acceptNewHostKeys, connectTimeout, sudoPassword, Defaults.NONE);
  }

  public ConnectionSpecs(boolean acceptNewHostKeys, Duration connectTimeout, ConnectionSpec.SudoPassword sudoPassword,
      Defaults defaults) {
    this.acceptNewHostKeys = acceptNewHostKeys;
    this.connectTimeout = connectTimeout;
    this.sudoPassword = sudoPassword;
    this.defaults = defaults;
  }

  /** Strict host keys, 10 s to connect, passwordless sudo. */
  public static ConnectionSpecs defaults() {
    return new ConnectionSpecs(false, Duration.ofSeconds(10), null);
  }

  /**
   * Whether any of these hosts is reached over ssh by its variables and the defaults (the play's
   * {@code connection:} keyword aside): a host whose variables are not valid counts as ssh.
   */
  public boolean anySsh(Iterable<dev.provision.inventory.Host> hosts) {
    for (dev.provision.inventory.Host h : hosts) {
      try {
        if (!forHost(h.name(), h.vars()).isLocal()) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        return true; // the run reports it; here it only must not skip the warm-up
      }
    }
    return false;
  }

  public ConnectionSpec forHost(String host, Map<String, Object> vars) {
    return forHost(host, vars, Reach.NONE);
  }

  /**
   * The spec with the task's {@code connection}, {@code remote_user} and {@code port} keywords
   * (rendered), each used where the host's variable is not set: in Ansible every connection
   * variable ({@code ansible_connection}, {@code ansible_user}, {@code ansible_port}) wins over
   * its playbook keyword.
   */
  public ConnectionSpec forHost(String host, Map<String, Object> vars, Reach reach) {
    String type = text(vars.get("ansible_connection"));
    if (type == null && reach.connection() != null) {
      type = Reach.type(reach.connection());
      if (type == null) {
        throw new IllegalArgumentException("host " + host + ": `connection: " + reach.connection()
            + "` is not supported yet (use ssh or local)");
      }
    }
    if (type == null && "localhost".equals(host) && !vars.containsKey("ansible_host")) {
      type = "local"; // Ansible's implicit localhost: a variable, so it wins over -c
    }
    if (type == null && defaults.connection() != null) {
      type = Reach.type(defaults.connection()); // a known type: Defaults checked it
    }
    if (type == null) {
      type = "ssh";
    }
    type = type.toLowerCase(Locale.ROOT);
    if (!type.equals("local") && !type.equals("ssh")) {
      throw new IllegalArgumentException("host " + host + ": ansible_connection `" + type
          + "` is not supported (use ssh or local)");
    }
    String address = text(vars.get("ansible_host"));
    boolean portVar = vars.containsKey("ansible_port") || reach.port() == null;
    int port = port(host, portVar ? vars.get("ansible_port") : reach.port(), portVar ? "ansible_port" : "port");
    String user = text(vars.get("ansible_user"));
    if (user == null) {
      user = text(reach.remoteUser());
    }
    if (user == null) {
      user = defaults.user() != null ? defaults.user() : System.getProperty("user.name");
    }
    Path key = path(vars.get("ansible_ssh_private_key_file"));
    if (key == null) {
      key = defaults.privateKey();
    }
    Path knownHosts = path(vars.containsKey("ansible_ssh_known_hosts_file")
        ? vars.get("ansible_ssh_known_hosts_file") : vars.get("ansible_known_hosts_file"));
    return new ConnectionSpec(host, type, address == null ? host : address, port, user, key, knownHosts,
        acceptNewHostKeys, connectTimeout, sudoPassword);
  }

  /**
   * The variables a host is reached with: its inventory variables, and over them the extra vars,
   * which win everywhere in Ansible ({@code -e ansible_host=10.0.0.5} changes where to connect).
   */
  static Map<String, Object> reachedWith(Map<String, Object> hostVars, Map<String, Object> extraVars) {
    if (extraVars.isEmpty()) {
      return hostVars;
    }
    Map<String, Object> vars = new LinkedHashMap<>(hostVars);
    vars.putAll(extraVars);
    return vars;
  }

  private static int port(String host, Object value, String name) {
    if (value == null) {
      return 22;
    }
    try {
      int port = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("host " + host + ": " + name + " `" + value + "` is not a port number");
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(dev.provision.template.Templates.revealUnsafe(value)).trim();
    return s.isEmpty() ? null : s;
  }

  private static Path path(Object value) {
    String s = text(value);
    if (s == null) {
      return null;
    }
    if (s.equals("~") || s.startsWith("~/")) {
      s = System.getProperty("user.home") + s.substring(1);
    }
    return Path.of(s);
  }
}
