package io.github.sitehealth.plugin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;

/**
 * Closes a resource when the Maven session ends, so that servers started by a goal do not outlive
 * the build in a long-lived JVM (mvnd, IDEs). Maven reads the execution listener from the request
 * at every event, so a listener chained in during the build sees the session end.
 */
final class SessionEnd {

  private SessionEnd() {}

  static void stopWhenTheBuildEnds(MavenSession session, AutoCloseable resource) {
    if (session == null || session.getRequest() == null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(resource)));
      return;
    }
    ExecutionListener previous = session.getRequest().getExecutionListener();
    ExecutionListener chained =
        (ExecutionListener)
            Proxy.newProxyInstance(
                ExecutionListener.class.getClassLoader(),
                new Class<?>[] {ExecutionListener.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(previous == null ? resource : previous, args);
                  }
                  try {
                    return previous == null ? null : method.invoke(previous, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  } finally {
                    if (method.getName().equals("sessionEnded")) {
                      closeQuietly(resource);
                    }
                  }
                });
    session.getRequest().setExecutionListener(chained);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // the build is over; nothing is left to report to
    }
  }
}
