package dev.loupe.classify;

/** How a classifier is trained; see {@link ClassifierTrainer}. */
public enum ClassifierMethod {
    /** k nearest labelled neighbours vote. */
    KNN("knn"),
    /** k-means over labelled and unlabelled images, each cluster labelled by its labelled members. */
    KMEANS("kmeans"),
    /** One-vs-rest linear SVM. */
    SVM_LINEAR("svm-linear"),
    /** One-vs-rest SVM with a Gaussian (RBF) kernel. */
    SVM_RBF("svm-rbf");

    private final String cliName;

    ClassifierMethod(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ClassifierMethod parse(String name) {
        for (ClassifierMethod m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; use knn, kmeans, svm-linear or svm-rbf");
    }
}
