package dev.partnerhub.support.events;

import dev.partnerhub.support.PartnerhubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor {@code @ApplicationModuleListener}s (they are {@code @Async}) run on.
 * Replaces Spring Boot's application task executor on purpose: on Java 21+ Boot would
 * start a virtual thread per event, and a burst of events (a bulk approval, a recompute)
 * would then take every database connection at once. A few platform threads and a queue
 * keep listeners off the pool's back; whatever is queued when the JVM dies is still in
 * the registry and is resubmitted. On shutdown, running listeners get 10 s to finish.
 */
@Configuration(proxyBeanMethods = false)
class ModuleEventExecutor {

	@Bean(name = { "applicationTaskExecutor", "taskExecutor" })
	ThreadPoolTaskExecutor applicationTaskExecutor(PartnerhubProperties properties) {
		int threads = properties.events().listenerThreads();
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setThreadNamePrefix("module-event-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}

}
