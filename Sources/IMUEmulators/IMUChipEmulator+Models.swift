import IMU

extension IMUChipEmulator {
    /// A fresh register-level emulator of `model`, or `nil` for a chip that
    /// is not an IMU (the haptic driver has `DRV2605LEmulator`).
    public static func emulating(_ model: ChipModel) -> IMUChipEmulator? {
        switch model.family {
        case .invensenseMPU: MPU6050Emulator(model: model)
        case .stLSM6DS: LSM6DSEmulator(model: model)
        case .adxl345: ADXL345Emulator()
        case .lis3dh: LIS3DHEmulator()
        case .haptic: nil
        }
    }
}
