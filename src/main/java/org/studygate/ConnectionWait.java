package org.studygate;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a request waits for a pooled connection before it fails (decision 046). While
 * the database cannot be reached, every request waits this long and is then answered 503,
 * and the readiness probe, which asks the pool too, reports DOWN after it; the pool's own
 * default of thirty seconds would hold each request, and a load balancer's probe, that
 * long. Applies to every pool of the application.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionWait {

	@Bean
	static BeanPostProcessor connectionWaitOfPools(
			@Value("${studygate.db.connection-wait:PT5S}") Duration connectionWait) {
		if (connectionWait.toMillis() < 250) {
			throw new IllegalArgumentException("studygate.db.connection-wait must be at least 250 milliseconds");
		}
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool) {
					pool.setConnectionTimeout(connectionWait.toMillis());
				}
				return bean;
			}

		};
	}

}
