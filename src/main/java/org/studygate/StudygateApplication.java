package org.studygate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Studygate decides, enforces and records who may access a medical imaging study.
 */
@Modulithic(systemName = "Studygate")
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StudygateApplication {

	public static void main(String[] args) {
		SpringApplication.run(StudygateApplication.class, args);
	}

}
